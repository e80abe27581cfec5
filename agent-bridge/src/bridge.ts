// The bridge: a few workers that each claim a task (long poll), run it, and
// claim again. Server or network trouble is retried with exponential backoff
// and jitter; a malformed document or a failing task never stops the bridge.
import { EventEmitter } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "./logger.ts";
import type { ModelProvider } from "./model/model-provider.ts";
import { BridgeApi } from "./server/bridge-api.ts";
import { ChannelConnections } from "./server/channel-connections.ts";
import { runTask } from "./tasks/run-task.ts";

export interface AgentBridgeOptions {
  serverUrl: string;
  key: string;
  provider: ModelProvider;
  logger: Logger;
  concurrency: number;
  flushMs: number;
  /** How long one claim request may wait for work. */
  claimWaitMs?: number;
  heartbeatMs?: number;
}

const MAX_BACKOFF_MS = 30_000;

export class AgentBridge {
  private readonly options: AgentBridgeOptions;
  private readonly api: BridgeApi;
  readonly channels: ChannelConnections;
  /** "task-settled" (task id) after each claimed task, however it went: for tests and tools. */
  readonly events = new EventEmitter<{ "task-settled": [taskId: string] }>();
  private readonly shutdown = new AbortController();
  private workers: Promise<void>[] = [];
  /** Tasks the workers are running: never claimed again by this bridge while it works on them. */
  private readonly running = new Set<string>();

  constructor(options: AgentBridgeOptions) {
    this.options = options;
    this.api = new BridgeApi(options.serverUrl, options.key);
    this.channels = new ChannelConnections(options.serverUrl.replace(/^http/, "ws"), options.key);
  }

  start(): void {
    this.options.logger.info(
      {
        server: this.options.serverUrl,
        provider: this.options.provider.name,
        concurrency: this.options.concurrency,
      },
      "agent bridge started",
    );
    this.workers = Array.from({ length: this.options.concurrency }, (_, n) => this.work(n));
  }

  /** Stops claiming, interrupts running replies (marked as interrupted) and closes connections. */
  async stop(): Promise<void> {
    this.shutdown.abort();
    await Promise.allSettled(this.workers);
    this.channels.close();
  }

  private async work(worker: number): Promise<void> {
    const log = this.options.logger.child({ worker });
    let failures = 0;
    while (!this.shutdown.signal.aborted) {
      try {
        const task = await this.api.claim(
          this.options.claimWaitMs ?? 25_000,
          [...this.running],
          this.shutdown.signal,
        );
        failures = 0;
        if (task === null) continue;
        this.running.add(task.id);
        await runTask(task, {
          api: this.api,
          channels: this.channels,
          provider: this.options.provider,
          logger: log,
          flushMs: this.options.flushMs,
          ...(this.options.heartbeatMs === undefined
            ? {}
            : { heartbeatMs: this.options.heartbeatMs }),
          shutdown: this.shutdown.signal,
        }).finally(() => {
          this.running.delete(task.id);
          this.events.emit("task-settled", task.id);
        });
      } catch (error) {
        if (this.shutdown.signal.aborted) break;
        failures += 1;
        const backoff =
          Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(failures, 10)) * (0.5 + Math.random() / 2);
        log.warn(
          { err: error, retryInMs: Math.round(backoff) },
          "bridge worker failed; backing off",
        );
        await sleep(backoff, undefined, { signal: this.shutdown.signal }).catch(() => undefined);
      }
    }
  }
}
