// Sends batches to the append worker thread (started by `start` or on first use, kept off the
// event loop's ref count while idle) and matches its answers to the callers' promises.
import { Worker } from "node:worker_threads";
import type { AppendRequest, AppendResponse, AppendWorkerData } from "./append-protocol.ts";
import { readinessOf, WORKER_READY } from "./worker-readiness.ts";

interface PendingJob {
  resolve: () => void;
  reject: (error: Error) => void;
}

export class AppendWorkerClient {
  private readonly workerData: AppendWorkerData;
  private readonly pending = new Map<number, PendingJob>();
  private worker: Worker | null = null;
  /** Settles once the worker has opened its database (or ended): it may be stopped then. */
  private ready: Promise<void> = Promise.resolve();
  private nextJobId = 1;
  private closed = false;

  constructor(workerData: AppendWorkerData) {
    this.workerData = workerData;
  }

  /** Resolves once the batch is committed; rejects when its transaction failed (nothing stored). */
  write(request: Omit<AppendRequest, "jobId">): Promise<void> {
    if (this.closed) return Promise.reject(new Error("the document store is closed"));
    const worker = this.start();
    const jobId = this.nextJobId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(jobId, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...request, jobId } satisfies AppendRequest);
    });
  }

  /** Stops the worker; batches still in flight fail. Callers wait for theirs first. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    worker?.ref(); // kept alive until it can be stopped
    await this.ready;
    await worker?.terminate();
  }

  /** Starts the worker now, so that loading its modules is not part of the first append. */
  start(): Worker {
    if (this.worker !== null) return this.worker;
    if (this.closed) throw new Error("the document store is closed");
    const worker = new Worker(new URL("./append-worker.ts", import.meta.url), {
      workerData: this.workerData,
    });
    this.ready = readinessOf(worker);
    worker.on("message", (response: AppendResponse | typeof WORKER_READY) => {
      if (response !== WORKER_READY) this.settle(response);
    });
    worker.on("error", (error) => this.failAll(error));
    worker.on("exit", (code) => {
      if (this.worker === worker) this.worker = null;
      if (this.pending.size > 0) this.failAll(new Error(`append worker exited with code ${code}`));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(response: AppendResponse): void {
    const job = this.pending.get(response.jobId);
    if (job === undefined) return;
    this.pending.delete(response.jobId);
    if (this.pending.size === 0) this.worker?.unref();
    if (response.error !== undefined) job.reject(new Error(`append failed: ${response.error}`));
    else job.resolve();
  }

  private failAll(error: Error): void {
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs) job.reject(error);
  }
}
