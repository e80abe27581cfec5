// Runs compactions in one long-lived worker thread (started by `start` or on
// first use, kept off the event loop's ref count while idle) and matches its answers to
// the callers' promises.
import { Worker } from "node:worker_threads";
import type {
  CompactionRequest,
  CompactionResponse,
  CompactionWorkerData,
} from "./compaction-protocol.ts";
import type { CompactionResult } from "./document-store.ts";
import { readinessOf, WORKER_READY } from "./worker-readiness.ts";

interface PendingJob {
  resolve: (result: CompactionResult) => void;
  reject: (error: Error) => void;
}

export class CompactionWorkerClient {
  private readonly workerData: CompactionWorkerData;
  private readonly pending = new Map<number, PendingJob>();
  private readonly inFlight = new Set<Promise<CompactionResult>>();
  private worker: Worker | null = null;
  /** Settles once the worker has opened its database (or ended): it may be stopped then. */
  private ready: Promise<void> = Promise.resolve();
  private nextJobId = 1;

  constructor(workerData: CompactionWorkerData) {
    this.workerData = workerData;
  }

  run(name: string): Promise<CompactionResult> {
    const worker = this.start();
    const jobId = this.nextJobId++;
    const job = new Promise<CompactionResult>((resolve, reject) => {
      this.pending.set(jobId, { resolve, reject });
      worker.ref();
      const request: CompactionRequest = { jobId, name };
      worker.postMessage(request);
    });
    this.inFlight.add(job);
    const forget = () => this.inFlight.delete(job);
    job.then(forget, forget);
    return job;
  }

  /** Lets running jobs finish, then stops the worker. */
  async close(): Promise<void> {
    await Promise.allSettled(this.inFlight);
    const worker = this.worker;
    this.worker = null;
    worker?.ref(); // kept alive until it can be stopped
    await this.ready;
    await worker?.terminate();
  }

  /** Starts the worker now, so that loading its modules is not part of the first compaction. */
  start(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = new Worker(new URL("./compaction-worker.ts", import.meta.url), {
      workerData: this.workerData,
    });
    this.ready = readinessOf(worker);
    worker.on("message", (response: CompactionResponse | typeof WORKER_READY) => {
      if (response !== WORKER_READY) this.settle(response);
    });
    worker.on("error", (error) => this.failAll(error));
    worker.on("exit", (code) => {
      if (this.worker === worker) this.worker = null;
      if (this.pending.size > 0)
        this.failAll(new Error(`compaction worker exited with code ${code}`));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(response: CompactionResponse): void {
    const job = this.pending.get(response.jobId);
    if (job === undefined) return;
    this.pending.delete(response.jobId);
    if (this.pending.size === 0) this.worker?.unref();
    if (response.error !== undefined) job.reject(new Error(`compaction failed: ${response.error}`));
    else job.resolve(response.result);
  }

  private failAll(error: Error): void {
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs) job.reject(error);
  }
}
