// The bridge: a few workers that each claim a task (long poll), run it, and
// claim again. Server or network trouble is retried with exponential backoff
// and jitter; a malformed document or a failing task never stops the bridge.
import { EventEmitter } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "./logger.ts";
import type { ModelProvider } from "./model/model-provider.ts";
import { type OpenAICompatibleDefaults, ProviderRegistry } from "./model/provider-registry.ts";
import { UndeliveredReplies } from "./replies/undelivered-replies.ts";
import { BridgeApi } from "./server/bridge-api.ts";
import { ChannelConnections } from "./server/channel-connections.ts";
import { DEFAULT_BUDGET } from "./tasks/prompt.ts";
import { redeliver } from "./tasks/redeliver.ts";
import { runTask } from "./tasks/run-task.ts";

export interface AgentBridgeOptions {
  serverUrl: string;
  key: string;
  /** Answers for agents set to "anthropic" (the bridge's ANTHROPIC_API_KEY, or none). */
  provider: ModelProvider;
  /** Retries and stall limit of the OpenAI-compatible endpoints agents are set to. */
  openAiCompatible?: OpenAICompatibleDefaults;
  logger: Logger;
  concurrency: number;
  flushMs: number;
  /** Tokens of context items in a prompt (default DEFAULT_CONTEXT_ITEM_TOKENS). */
  contextItemTokens?: number;
  /** How long one claim request may wait for work. */
  claimWaitMs?: number;
  heartbeatMs?: number;
  /**
   * Where replies the bridge could not deliver before it stopped (the server was away) are kept
   * for the next bridge process started with the same directory; none when absent.
   */
  stateDir?: string;
}

const MAX_BACKOFF_MS = 30_000;

export class AgentBridge {
  private readonly options: AgentBridgeOptions;
  private readonly api: BridgeApi;
  private readonly providers: ProviderRegistry;
  readonly channels: ChannelConnections;
  /**
   * For tests and tools: "reply-settled" (task id) once a reply is written to its end in the
   * bridge's copy of the channel, before it is delivered; "task-settled" after each claimed task,
   * however it went.
   */
  readonly events = new EventEmitter<{
    "reply-settled": [taskId: string];
    "task-settled": [taskId: string];
  }>();
  private readonly shutdown = new AbortController();
  private workers: Promise<void>[] = [];
  /** Tasks the workers are running: never claimed again by this bridge while it works on them. */
  private readonly running = new Set<string>();
  private readonly undelivered: UndeliveredReplies | undefined;

  constructor(options: AgentBridgeOptions) {
    this.options = options;
    this.api = new BridgeApi(options.serverUrl, options.key);
    this.providers = new ProviderRegistry(options.provider, options.openAiCompatible);
    this.channels = new ChannelConnections(options.serverUrl.replace(/^http/, "ws"), options.key);
    this.undelivered =
      options.stateDir === undefined ? undefined : new UndeliveredReplies(options.stateDir);
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
    const kept = this.redeliverKept();
    this.workers = [
      ...kept,
      ...Array.from({ length: this.options.concurrency }, (_, n) => this.work(n)),
    ];
  }

  /** Delivers the replies a previous process kept; their tasks are not claimed meanwhile. */
  private redeliverKept(): Promise<void>[] {
    const store = this.undelivered;
    if (store === undefined) return [];
    const log = this.options.logger.child({ redelivery: true });
    const kept = store.list((file, err) => log.error({ err, file }, "unreadable kept reply"));
    return kept.map(async (reply) => {
      this.running.add(reply.task.id);
      try {
        await redeliver(reply, {
          api: this.api,
          channels: this.channels,
          logger: log,
          shutdown: this.shutdown.signal,
          undelivered: store,
        });
      } catch (error) {
        log.error({ err: error, taskId: reply.task.id }, "kept reply not delivered");
      } finally {
        this.running.delete(reply.task.id);
        this.events.emit("task-settled", reply.task.id);
      }
    });
  }

  /**
   * Stops claiming, interrupts running replies (marked as interrupted) and closes connections.
   * A reply it cannot deliver because the server is away is kept in `stateDir`, if set.
   */
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
          providers: this.providers,
          logger: log,
          flushMs: this.options.flushMs,
          ...(this.options.contextItemTokens === undefined
            ? {}
            : {
                budget: { ...DEFAULT_BUDGET, contextItemTokens: this.options.contextItemTokens },
              }),
          ...(this.options.heartbeatMs === undefined
            ? {}
            : { heartbeatMs: this.options.heartbeatMs }),
          shutdown: this.shutdown.signal,
          ...(this.undelivered === undefined ? {} : { undelivered: this.undelivered }),
          onSettled: (taskId) => this.events.emit("reply-settled", taskId),
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
