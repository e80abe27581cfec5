// The server's Prometheus metrics (prom-client): counters the extensions and services bump as
// things happen, gauges read when /metrics is scraped, and Node's own (event-loop lag, heap, RSS).
import type { Hocuspocus } from "@hocuspocus/server";
import { sql } from "drizzle-orm";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { AppContext } from "../context.ts";
import { agentTasks } from "../db/schema.ts";
import type { StoredBatch } from "../storage/group-commit.ts";

export type RefusalKind = "refused" | "too-many-writes";

export class ServerMetrics {
  readonly registry = new Registry();
  readonly updatesIn: Counter;
  readonly updateBytesIn: Counter;
  readonly updatesOut: Counter;
  readonly writeRefusals: Counter<"kind">;
  readonly searchQueries: Counter;
  readonly damagedParts: Counter;
  private readonly storedUpdates: Counter;
  private readonly storedBytes: Counter;
  private readonly commitSeconds: Histogram;
  readonly compactions: Counter<"outcome">;
  readonly documentLoads: Histogram<"kind">;

  constructor(ctx: AppContext, hocuspocus: () => Hocuspocus | undefined) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: "openvibe_" });
    this.updatesIn = new Counter({
      name: "openvibe_updates_in_total",
      help: "Document updates from peers applied by the server",
      registers,
    });
    this.updateBytesIn = new Counter({
      name: "openvibe_update_bytes_in_total",
      help: "Bytes of the document updates from peers applied by the server",
      registers,
    });
    this.updatesOut = new Counter({
      name: "openvibe_updates_out_total",
      help: "Document updates forwarded to connected peers (one per receiving connection)",
      registers,
    });
    this.writeRefusals = new Counter({
      name: "openvibe_write_refusals_total",
      help: "Updates the write guard did not apply, by kind (refused, too-many-writes), and new thread documents refused for their creator's rate (too-many-new-threads)",
      labelNames: ["kind"],
      registers,
    });
    this.storedUpdates = new Counter({
      name: "openvibe_stored_updates_total",
      help: "Document updates made durable (group commit)",
      registers,
    });
    this.storedBytes = new Counter({
      name: "openvibe_stored_update_bytes_total",
      help: "Bytes of the document updates made durable",
      registers,
    });
    this.commitSeconds = new Histogram({
      name: "openvibe_commit_seconds",
      help: "Time to make one batch of updates durable (the append worker's transaction and its fsync), which each update in it waits for before it is acknowledged or forwarded; its count is the number of commits",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.compactions = new Counter({
      name: "openvibe_compactions_total",
      help: "Document compactions, by outcome (done, failed)",
      labelNames: ["outcome"],
      registers,
    });
    this.documentLoads = new Histogram({
      name: "openvibe_document_load_seconds",
      help: "The server's own load of a document, from reading its storage until it is ready for peers (collaboration/document-load-timer.ts), by kind (channel, thread)",
      labelNames: ["kind"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.damagedParts = new Counter({
      name: "openvibe_damaged_document_parts_total",
      help: "Stored document parts found damaged on load and set aside",
      registers,
    });
    this.searchQueries = new Counter({
      name: "openvibe_search_queries_total",
      help: "Search queries answered (people and agents)",
      registers,
    });
    new Gauge({
      name: "openvibe_connections",
      help: "Open document connections",
      registers,
      collect() {
        this.set(hocuspocus()?.getConnectionsCount() ?? 0);
      },
    });
    new Gauge({
      name: "openvibe_documents_loaded",
      help: "Channel documents held in memory",
      registers,
      collect() {
        this.set(hocuspocus()?.getDocumentsCount() ?? 0);
      },
    });
    new Gauge({
      name: "openvibe_agent_tasks",
      help: "Agent tasks in the ledger, by status",
      labelNames: ["status"],
      registers,
      collect() {
        this.reset();
        const rows = ctx.db
          .select({ status: agentTasks.status, count: sql<number>`count(*)` })
          .from(agentTasks)
          .groupBy(agentTasks.status)
          .all();
        for (const { status, count } of rows) this.set({ status }, count);
      },
    });
    new Gauge({
      name: "openvibe_model_tokens",
      help: "Model tokens recorded for agent tasks, by direction (input, output)",
      labelNames: ["direction"],
      registers,
      collect() {
        const [row] = ctx.db
          .select({
            input: sql<number>`coalesce(sum(${agentTasks.inputTokens}), 0)`,
            output: sql<number>`coalesce(sum(${agentTasks.outputTokens}), 0)`,
          })
          .from(agentTasks)
          .all();
        this.set({ direction: "input" }, row?.input ?? 0);
        this.set({ direction: "output" }, row?.output ?? 0);
      },
    });
  }

  /** Counts a batch of updates made durable, and how long its commit took. */
  stored(batch: StoredBatch): void {
    this.storedUpdates.inc(batch.updates);
    this.storedBytes.inc(batch.bytes);
    this.commitSeconds.observe(batch.seconds);
  }

  /** The exposition text for a scrape. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
