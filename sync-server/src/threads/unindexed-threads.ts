// The thread documents stored after their index row (ThreadIndexRows.unindexedDocuments), found
// by a worker thread of its own (unindexed-threads-worker.ts) that ends once it answered.
import { Worker } from "node:worker_threads";
import type { StoredThreadDocument } from "./thread-index-rows.ts";

export interface UnindexedThreadsRequest {
  /** The database file. */
  path: string;
}

export function findUnindexedThreads(path: string): Promise<StoredThreadDocument[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./unindexed-threads-worker.ts", import.meta.url), {
      workerData: { path } satisfies UnindexedThreadsRequest,
    });
    let answered = false;
    worker.once("message", (documents: StoredThreadDocument[]) => {
      answered = true;
      resolve(documents);
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (!answered) reject(new Error(`the unindexed-threads worker exited with code ${code}`));
    });
  });
}
