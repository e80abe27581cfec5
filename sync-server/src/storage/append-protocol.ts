// Messages between the SQLite store and its append worker.

export interface AppendWorkerData {
  path: string;
  synchronous: "full" | "normal";
}

/** One batch: the documents it touches and its rows, written in one transaction. */
export interface AppendRequest {
  jobId: number;
  /** Documents to create if missing. */
  names: string[];
  rows: { name: string; seq: number; update: Uint8Array }[];
  now: number;
}

export type AppendResponse = { jobId: number; error?: string };
