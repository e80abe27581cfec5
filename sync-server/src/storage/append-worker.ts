// Worker thread that writes batches of updates, each in one transaction: the fsync that makes a
// batch durable (synchronous=FULL) happens here, so the server's event loop keeps applying and
// answering peers' messages while the disk works. The caller has numbered the rows.
import { parentPort, workerData } from "node:worker_threads";
import { connect } from "../db/connect.ts";
import type { AppendRequest, AppendResponse, AppendWorkerData } from "./append-protocol.ts";
import { WORKER_READY } from "./worker-readiness.ts";

const { path, synchronous } = workerData as AppendWorkerData;
const sqlite = connect(path, { synchronous });
const port = parentPort;
if (port === null) throw new Error("append-worker.ts must run as a worker thread");
port.postMessage(WORKER_READY);

const insertDocument = sqlite.prepare<[string, number]>(
  "INSERT INTO documents (name, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
);
const insertUpdate = sqlite.prepare<[string, number, Uint8Array, number]>(
  'INSERT INTO document_updates (document_name, seq, "update", stored_at) VALUES (?, ?, ?, ?)',
);
// IMMEDIATE: take the write lock first (waiting up to busy_timeout for a compaction's swap).
const write = sqlite.transaction((request: AppendRequest) => {
  for (const name of request.names) insertDocument.run(name, request.now);
  for (const row of request.rows) insertUpdate.run(row.name, row.seq, row.update, request.now);
}).immediate;

port.on("message", (request: AppendRequest) => {
  let response: AppendResponse;
  try {
    write(request);
    response = { jobId: request.jobId };
  } catch (error) {
    response = {
      jobId: request.jobId,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  port.postMessage(response);
});
port.on("close", () => sqlite.close());
