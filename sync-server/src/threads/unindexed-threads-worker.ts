// Worker thread that finds the thread documents stored after their index row, for the server's
// catch-up at start. Finding them reads every thread document's last stored update, and each read
// of the log's clustered key goes through rows whose update spills over several pages: at 1M
// messages (20,000 thread documents) that is seconds of reading and tens of megabytes of page
// cache. Here it runs off the event loop, on its own connection with a small cache (each page is
// read once), and all of it is given back when the worker ends.
import { parentPort, workerData } from "node:worker_threads";
import { connect } from "../db/connect.ts";
import { ThreadIndexRows } from "./thread-index-rows.ts";
import type { UnindexedThreadsRequest } from "./unindexed-threads.ts";

/** Pages of SQLite's cache for the scan (KiB): the server's connection keeps its own. */
const SCAN_CACHE_KIB = 2048;

const { path } = workerData as UnindexedThreadsRequest;
const port = parentPort;
if (port === null) throw new Error("unindexed-threads-worker.ts must run as a worker thread");
const sqlite = connect(path, { synchronous: "normal" });
try {
  sqlite.pragma(`cache_size = -${SCAN_CACHE_KIB}`);
  port.postMessage(new ThreadIndexRows(sqlite).unindexedDocuments());
} finally {
  sqlite.close();
}
