// OpenVibe's server as shipped: the artifact `scripts/release` builds (esbuild bundles of a
// checkout's working tree, with the pinned Node, which is the one running this), built once per
// benchmark process and unpacked into a scratch directory removed at exit. Run from its TypeScript sources
// instead, Node's module loader alone left the server's heap 100 MB bigger than the bundle's
// (it parses drizzle-orm's package.json for every module it loads, and V8 keeps the young
// generation it grew for that), which a benchmark of memory must not count.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { progress } from "../lib/cli.ts";

/** This checkout's root. */
const OWN_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** Entry points built so far, by checkout root. */
const built = new Map<string, string>();

/**
 * The shipped server's entry point (`lib/server.mjs` of the unpacked artifact) of the checkout
 * at `root` (default: this one; another, to compare builds).
 */
export function shippedServer(root: string = OWN_ROOT): string {
  const known = built.get(root);
  if (known !== undefined) return known;
  const scratch = mkdtempSync(join(tmpdir(), "openvibe-shipped-"));
  process.once("exit", () => rmSync(scratch, { recursive: true, force: true }));
  progress(`building the shipped server (scripts/release of ${root})`);
  const tarball = execFileSync(
    process.execPath,
    [join(root, "scripts/release.ts"), "--out", scratch, "--node", process.execPath],
    // Its progress is kept out of the run's; a failed build's error carries it (stderr).
    { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  )
    .trim()
    .split("\n")
    .at(-1);
  if (tarball === undefined || tarball === "") throw new Error("scripts/release named no artifact");
  execFileSync("tar", ["-xzf", tarball, "-C", scratch]);
  const unpacked = readdirSync(scratch).find(
    (name) => name.startsWith("openvibe-") && !name.endsWith(".gz"),
  );
  if (unpacked === undefined) throw new Error(`no artifact unpacked in ${scratch}`);
  const entry = join(scratch, unpacked, "lib/server.mjs");
  built.set(root, entry);
  return entry;
}
