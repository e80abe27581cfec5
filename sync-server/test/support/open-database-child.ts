// Opens the data directory given as its argument once the parent writes a line to stdin, so that
// several of these open the same new database at the same moment. Prints "ready" once loaded,
// then "opened" or "failed: <reason>".
import { createInterface } from "node:readline";
import { openDatabase } from "../../src/db/open-database.ts";

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error("usage: open-database-child.ts DATA_DIR");
const lines = createInterface({ input: process.stdin });
process.stdout.write("ready\n");
lines.once("line", () => {
  try {
    openDatabase(dataDir, { synchronous: "full" }).$client.close();
    process.stdout.write("opened\n");
  } catch (error) {
    process.stdout.write(`failed: ${(error as Error).message}\n`);
  }
  lines.close();
});
