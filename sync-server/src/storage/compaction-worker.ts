// Worker thread that runs compactions off the server's event loop: merging a
// large document takes seconds, and the server must keep answering peers.
import { parentPort, workerData } from "node:worker_threads";
import { connect } from "../db/connect.ts";
import type {
  CompactionRequest,
  CompactionResponse,
  CompactionWorkerData,
} from "./compaction-protocol.ts";
import { MergedDocuments } from "./merged-documents.ts";
import { compactInDatabase } from "./sqlite-compaction.ts";
import { WORKER_READY } from "./worker-readiness.ts";

const { path, synchronous } = workerData as CompactionWorkerData;
const sqlite = connect(path, { synchronous });
// About 40 MB of memory at most: channels of up to a few thousand messages, the ones written fast.
const merged = new MergedDocuments({ maxBytes: 4 * 1024 * 1024, idleMs: 60_000 });
const port = parentPort;
if (port === null) throw new Error("compaction-worker.ts must run as a worker thread");
port.postMessage(WORKER_READY);

port.on("message", (request: CompactionRequest) => {
  let response: CompactionResponse;
  try {
    response = { jobId: request.jobId, result: compactInDatabase(sqlite, request.name, merged) };
  } catch (error) {
    response = {
      jobId: request.jobId,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  port.postMessage(response);
});
port.on("close", () => {
  merged.clear();
  sqlite.close();
});
