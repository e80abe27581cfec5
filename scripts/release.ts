// Builds the self-contained artifact: bundles (esbuild) of the server, the operators' CLI, the
// agent bridge and the storage workers; the built client; the migrations; better-sqlite3's
// linux-x64 addon; and the pinned Node runtime; with one launcher, bin/openvibe. Prints the
// tarball's path as its last line. Run through ./scripts/release (see --help).
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { build, type Plugin } from "esbuild";
import { progress } from "./bench/lib/cli.ts";
import { buildClient } from "./lib/build-client.ts";

/** sharp and what it loads at run time (linux-x64 only, as the rest of the release). */
/**
 * pdf.js and its canvas (PDF thumbnails): shipped as packages beside the bundles, since pdf.js
 * loads its worker, fonts and character maps from its own package and the canvas loads its
 * native module (the next package, beside it in pnpm's store) by name.
 */
const PDF_PACKAGES = ["pdfjs-dist", "@napi-rs/canvas", "@napi-rs/canvas-linux-x64-gnu"];

const SHARP_PACKAGES = [
  "sharp",
  "@img/colour",
  "@img/sharp-linux-x64",
  "@img/sharp-libvips-linux-x64",
  "detect-libc",
  "semver",
];

const ROOT = resolve(import.meta.dirname, "..");
const VERSION = (
  JSON.parse(readFileSync(join(ROOT, "sync-server/package.json"), "utf8")) as { version: string }
).version;
const NAME = `openvibe-${VERSION}-linux-x64`;

const HELP = `Usage: scripts/release [--help] [--out DIR] [--node PATH]
Builds ${NAME}.tar.gz: the server, the agent bridge, the operators' CLI (ovb)
and the built client, bundled with the native SQLite module and a pinned Node
runtime, started by one launcher, bin/openvibe. Prints the tarball's path last.
  --out DIR    where to put the tarball (default: ./release)
  --node PATH  the Node binary to ship (default: the project's pinned Node)`;

/** Where each file a module reaches through `new URL(path, import.meta.url)` lives in the artifact. */
const RESOURCES: [repoPath: string, artifactPath: string][] = [
  ["sync-server/drizzle", "drizzle"],
  ["client/dist", "client"],
  ["sync-server/src/storage/append-worker.ts", "lib/append-worker.mjs"],
  ["sync-server/src/storage/compaction-worker.ts", "lib/compaction-worker.mjs"],
  ["sync-server/src/files/pdf-page-worker.ts", "lib/pdf-page-worker.mjs"],
];

const ENTRIES = {
  server: "sync-server/src/main.ts",
  ovb: "sync-server/src/cli/main.ts",
  bridge: "agent-bridge/src/main.ts",
  "append-worker": "sync-server/src/storage/append-worker.ts",
  "compaction-worker": "sync-server/src/storage/compaction-worker.ts",
  "pdf-page-worker": "sync-server/src/files/pdf-page-worker.ts",
};

/**
 * Rewrites `new URL("<relative>", import.meta.url)` in our sources to the resource's place in the
 * artifact, relative to lib/ where every bundle sits. An unknown resource stops the build.
 */
function relocateResources(): Plugin {
  const pattern = /new URL\(\s*"([^"]+)",\s*import\.meta\.url\s*\)/g;
  return {
    name: "openvibe-relocate-resources",
    setup(builder) {
      builder.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes("node_modules")) return undefined;
        const source = readFileSync(args.path, "utf8");
        const contents = source.replace(pattern, (_match, target: string) => {
          const repoPath = relative(ROOT, resolve(dirname(args.path), target));
          const found = RESOURCES.find(
            ([from]) => repoPath === from || repoPath.startsWith(`${from}/`),
          );
          if (found === undefined) {
            throw new Error(
              `${relative(ROOT, args.path)}: no place in the artifact for ${repoPath}`,
            );
          }
          const [from, to] = found;
          const inArtifact = join(to, repoPath.slice(from.length));
          return `new URL(${JSON.stringify(relative("lib", inArtifact) || ".")}, import.meta.url)`;
        });
        return { contents, loader: "ts" };
      });
    },
  };
}

/** The pinned Node binary: this one when it is the pinned version, else fetched from the registry. */
function pinnedNode(scratch: string): string {
  const toolchain = readFileSync(join(ROOT, "scripts/lib/toolchain.sh"), "utf8");
  const version = /OPENVIBE_NODE_VERSION="([^"]+)"/.exec(toolchain)?.[1];
  if (version === undefined) throw new Error("scripts/lib/toolchain.sh names no Node version");
  if (process.versions.node === version) return realpathSync(process.execPath);
  progress(`release: fetching Node ${version} (this one is ${process.versions.node})`);
  execFileSync(
    "npm",
    ["install", "--prefix", scratch, "--no-package-lock", "--no-save", `node@${version}`],
    {
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  return realpathSync(join(scratch, "node_modules/.bin/node"));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: "string", default: join(ROOT, "release") },
      node: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const started = Date.now();
  const out = resolve(values.out);
  const stage = join(out, NAME);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(join(stage, "lib"), { recursive: true });

  progress("release: building the client");
  await buildClient(join(stage, "client"));
  cpSync(join(ROOT, "sync-server/drizzle"), join(stage, "drizzle"), { recursive: true });

  progress("release: bundling the server, ovb, the bridge and the workers");
  await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: join(stage, "lib"),
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node24",
    external: ["better-sqlite3", "sharp", ...PDF_PACKAGES],
    // Bundled CommonJS dependencies call require(): give the ES module bundles one.
    banner: {
      js: "import { createRequire as __ovCreateRequire } from 'node:module'; const require = __ovCreateRequire(import.meta.url);",
    },
    plugins: [relocateResources()],
    logLevel: "warning",
  });

  progress("release: the native SQLite module and the Node runtime");
  const sqlite = dirname(
    createRequire(join(ROOT, "sync-server/package.json")).resolve("better-sqlite3/package.json"),
  );
  const sqliteOut = join(stage, "lib/node_modules/better-sqlite3");
  for (const part of ["package.json", "lib", "prebuilds/linux-x64.node", "LICENSE"]) {
    cpSync(join(sqlite, part), join(sqliteOut, part), { recursive: true });
  }
  // sharp (thumbnails) loads its prebuilt native module and libvips by package name: shipped as
  // packages beside the bundles, with its dependencies, from its place in pnpm's store.
  const sharpStore = dirname(realpathSync(join(ROOT, "sync-server/node_modules/sharp")));
  for (const name of SHARP_PACKAGES) {
    cpSync(join(sharpStore, name), join(stage, "lib/node_modules", name), {
      recursive: true,
      dereference: true,
    });
  }
  const canvasStore = dirname(
    dirname(realpathSync(join(ROOT, "sync-server/node_modules/@napi-rs/canvas"))),
  );
  for (const name of PDF_PACKAGES) {
    const from = name.startsWith("@napi-rs/")
      ? join(canvasStore, name)
      : realpathSync(join(ROOT, "sync-server/node_modules", name));
    cpSync(from, join(stage, "lib/node_modules", name), {
      recursive: true,
      dereference: true,
      // Only the Node (legacy) build, fonts, maps and wasm are used: not the modern build, the
      // viewer, the type declarations nor the source maps.
      filter: (path) => !/\/pdfjs-dist\/(build|web|types|image_decoders)(\/|$)|\.map$/.test(path),
    });
  }
  mkdirSync(join(stage, "runtime"), { recursive: true });
  cpSync(values.node ?? pinnedNode(join(out, "node-runtime")), join(stage, "runtime/node"));
  chmodSync(join(stage, "runtime/node"), 0o755);
  cpSync(join(ROOT, "scripts/release-launcher"), join(stage, "bin/openvibe"));
  chmodSync(join(stage, "bin/openvibe"), 0o755);
  cpSync(join(ROOT, "scripts/lib/serve.sh"), join(stage, "lib/serve.sh"));
  writeFileSync(join(stage, "VERSION"), `${VERSION}\n`);

  progress("release: packing");
  const tarball = join(out, `${NAME}.tar.gz`);
  execFileSync("tar", ["-czf", tarball, "-C", out, NAME]);
  rmSync(stage, { recursive: true, force: true });
  const megabytes = (statSync(tarball).size / 1024 / 1024).toFixed(1);
  progress(`release: ${megabytes} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(tarball);
}

await main();
