// Messages between the SQLite store and its compaction worker.
import type { CompactionResult } from "./document-store.ts";

export interface CompactionWorkerData {
  path: string;
  synchronous: "full" | "normal";
}

export interface CompactionRequest {
  jobId: number;
  name: string;
}

export type CompactionResponse =
  | { jobId: number; result: CompactionResult; error?: undefined }
  | { jobId: number; error: string; result?: undefined };
