// Writes the list of built files into the service worker, so it can precache
// the whole app shell on install. A new build changes the list, hence the
// bytes of sw.js, which makes browsers install the new worker.
import type { Plugin } from "vite";
import { PRECACHE_PLACEHOLDER } from "../src/sw/shell-cache.ts";

export const SERVICE_WORKER_ENTRY = "sw";

export function serviceWorkerPrecache(): Plugin {
  return {
    name: "openvibe-service-worker-precache",
    apply: "build",
    generateBundle(_options, bundle) {
      const worker = Object.values(bundle).find(
        (file) => file.type === "chunk" && file.name === SERVICE_WORKER_ENTRY,
      );
      if (worker === undefined || worker.type !== "chunk") {
        this.error("the service worker entry is missing from the bundle");
      }
      const urls = [
        "/",
        ...Object.keys(bundle)
          .filter((name) => name !== worker.fileName && !name.endsWith(".map"))
          .map((name) => `/${name}`),
      ];
      if (!worker.code.includes(PRECACHE_PLACEHOLDER)) {
        this.error(`the service worker does not read ${PRECACHE_PLACEHOLDER}`);
      }
      // Inside a string literal: the JSON, escaped as string content.
      const escaped = JSON.stringify(JSON.stringify(urls)).slice(1, -1);
      worker.code = worker.code.replaceAll(PRECACHE_PLACEHOLDER, escaped);
    },
  };
}
