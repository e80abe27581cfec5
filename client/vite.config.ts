import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { appIcons } from "./build/app-icons.ts";
import { SERVICE_WORKER_ENTRY, serviceWorkerPrecache } from "./build/service-worker-plugin.ts";

export default defineConfig({
  root: import.meta.dirname,
  // appIcons before serviceWorkerPrecache: the icons and manifest are precached with the shell.
  plugins: [react(), appIcons(), serviceWorkerPrecache()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // One chunk on purpose: the service worker precaches the whole shell anyway.
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      input: {
        main: `${import.meta.dirname}/index.html`,
        [SERVICE_WORKER_ENTRY]: `${import.meta.dirname}/src/sw/service-worker.ts`,
      },
      output: {
        entryFileNames: (chunk) =>
          chunk.name === SERVICE_WORKER_ENTRY ? "sw.js" : "assets/[name]-[hash].js",
      },
    },
  },
});
