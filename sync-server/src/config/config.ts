// Server configuration, read from the environment once at startup. Every
// value is checked; a bad one stops the server with a message naming the
// variable, what was given and what to put there instead.
import { isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { secretsKeySchema } from "../agents/secret-box.ts";
import { isAddressOrSubnet } from "../http/client-address.ts";

export interface ServerConfig {
  /** TCP port; 0 picks a free one (tests). */
  port: number;
  host: string;
  /** Absolute path of the data directory holding the SQLite file. */
  dataDir: string;
  logLevel: LogLevel;
  /** Tail length (updates) after which a document nobody has open is compacted into a snapshot. */
  compactAfterUpdates: number;
  /** The same for a document the server has loaded (its peers sync from memory). */
  compactLoadedAfterUpdates: number;
  /** Largest WebSocket message accepted, in bytes. */
  maxMessageBytes: number;
  /** SQLite `synchronous` mode: "full" survives power loss, "normal" survives process crashes. */
  sqliteSynchronous: "full" | "normal";
  /** Directory of the built client served over HTTP, when it exists. */
  clientDir: string;
  /** Where the server writes a bridge key for the agent bridge started beside it; null: never. */
  bridgeKeyFile: string | null;
  /** How long a bridge's claim on an agent task lasts without a heartbeat. */
  agentLeaseMs: number;
  /** How long after its lease ran out a started reply no bridge claimed is settled as interrupted. */
  agentOrphanMs: number;
  /** Agents answering agents stop after this many in a row. */
  agentMaxDepth: number;
  agentTasksPerChannelPerMinute: number;
  /** How often the access-change journal is read for changes other processes (ovb) made. */
  accessChangePollMs: number;
  /** The origin people reach the server at (invite links); null: the request's own origin. */
  publicUrl: string | null;
  /** Whether every peer's updates are checked (off: only guests', for measuring the guard). */
  writeGuard: boolean;
  /** Updates one principal may send per second on average (bursts of ten seconds' worth). */
  writesPerSecond: number;
  /** Largest a document may grow in the store (snapshot plus log), in bytes. */
  maxDocumentBytes: number;
  /** Thread documents one channel may hold (each is its own maxDocumentBytes). */
  maxThreadsPerChannel: number;
  /** New thread documents one principal may create per minute on average, over all channels. */
  newThreadsPerMinute: number;
  /** New thread documents one principal may create at once (then newThreadsPerMinute). */
  newThreadsBurst: number;
  /** How long the server keeps a channel document it loaded for its thread index after its last write. */
  indexHoldMs: number;
  /** How long a document stays loaded after its last client left (0: it unloads at once). */
  documentIdleMs: number;
  /** Bearer token GET /metrics requires; null: served to loopback clients only. */
  metricsToken: string | null;
  /** How often expired sessions, finished invites and old audit entries are purged. */
  housekeepingEveryMs: number;
  /** Audit entries older than this many days are purged. */
  auditRetentionDays: number;
  /** How often the server backs its database up into <data dir>/backups; null: never. */
  backupEveryMs: number | null;
  /** How many scheduled backups are kept (the newest). */
  backupKeep: number;
  /** Proxies (addresses and subnets) whose X-Forwarded-For names the client. */
  trustedProxies: string[];
  /** Open WebSockets at most, in total. */
  maxSockets: number;
  /** Open WebSockets at most from one client address. */
  maxSocketsPerAddress: number;
  /** Bytes a socket may send before one of its documents is authenticated. */
  unauthenticatedBytes: number;
  /** Bytes all not-yet-authenticated sockets together may have sent. */
  unauthenticatedTotalBytes: number;
  /** How long a socket may stay open without authenticating a document. */
  unauthenticatedTimeoutMs: number;
  /** Documents one person may hold open at once, over all their sockets. */
  maxDocumentsPerPerson: number;
  /** Encrypts secrets at rest (agents' provider API keys); null: none can be stored. */
  secretsKey: Buffer | null;
  /** Where file contents go, and how long orphaned files are kept before they are collected. */
  files: FilesConfig;
  /** What the link-preview fetcher may fetch and how much (link-previews/). */
  linkPreviews: LinkPreviewLimits;
}

export type FileStoreConfig =
  | { kind: "fs" }
  | { kind: "s3"; bucket: string; region: string; endpoint?: string; prefix: string };

export interface FilesConfig {
  store: FileStoreConfig;
  /** How long an unfinished upload or a file no message names is kept. */
  orphanGraceMs: number;
}

export interface LinkPreviewLimits {
  /** Addresses and subnets fetched although not public (tests' local servers); default none. */
  allow: string[];
  /** Deadline of one fetch, redirects and body included. */
  timeoutMs: number;
  /** Bytes read of a page, or of its image; the rest is never read. */
  maxBytes: number;
  maxRedirects: number;
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "30m" -> 1800000 (s, m, h, d), for a value the schema already matched. */
function durationMs(value: string): number {
  const unit = value.slice(-1) as keyof typeof UNIT_MS;
  return Number(value.slice(0, -1)) * UNIT_MS[unit];
}

const DEFAULT_CLIENT_DIR = new URL("../../../client/dist", import.meta.url).pathname;

/** A comma-separated list of IP addresses or subnets (empty entries ignored; default none). */
const addressList = (problem: string) =>
  z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ""),
    )
    .refine((entries) => entries.every(isAddressOrSubnet), problem)
    .default([]);

const integer = (name: string, min: number, max: number, hint: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `${name} must be a whole number (${hint})`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${name} must be between ${min} and ${max} (${hint})`);

const environmentSchema = z
  .object({
    PORT: integer("PORT", 0, 65_535, "for example PORT=8787").default(8787),
    HOST: z
      .string()
      .trim()
      .min(1, "HOST must not be empty (for example HOST=127.0.0.1)")
      .default("127.0.0.1"),
    OPENVIBE_DATA_DIR: z
      .string()
      .trim()
      .min(1, "OPENVIBE_DATA_DIR must not be empty")
      .default("./data"),
    OPENVIBE_LOG_LEVEL: z
      .enum(LOG_LEVELS, { error: `OPENVIBE_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}` })
      .default("info"),
    OPENVIBE_COMPACT_AFTER_UPDATES: integer(
      "OPENVIBE_COMPACT_AFTER_UPDATES",
      1,
      1_000_000,
      "the number of stored updates that triggers a compaction, default 1000",
    ).default(1000),
    OPENVIBE_COMPACT_LOADED_AFTER_UPDATES: integer(
      "OPENVIBE_COMPACT_LOADED_AFTER_UPDATES",
      1,
      100_000_000,
      "the number of stored updates that triggers a compaction of a loaded document, default ten times OPENVIBE_COMPACT_AFTER_UPDATES",
    ).optional(),
    OPENVIBE_MAX_MESSAGE_BYTES: integer(
      "OPENVIBE_MAX_MESSAGE_BYTES",
      1024,
      256 * 1024 * 1024,
      "the largest WebSocket message in bytes, default 8388608 (8 MiB)",
    ).default(8 * 1024 * 1024),
    OPENVIBE_SQLITE_SYNCHRONOUS: z
      .enum(["full", "normal"], {
        error:
          'OPENVIBE_SQLITE_SYNCHRONOUS must be "full" (survives power loss) or "normal" (survives crashes)',
      })
      .default("full"),
    OPENVIBE_CLIENT_DIR: z.string().trim().min(1).optional(),
    OPENVIBE_BRIDGE_KEY_FILE: z.string().trim().min(1).optional(),
    OPENVIBE_AGENT_LEASE_MS: integer(
      "OPENVIBE_AGENT_LEASE_MS",
      1000,
      600_000,
      "how long an agent bridge's claim on a task lasts without a heartbeat, default 20000",
    ).default(20_000),
    OPENVIBE_AGENT_ORPHAN_MS: integer(
      "OPENVIBE_AGENT_ORPHAN_MS",
      1000,
      86_400_000,
      "how long after its lease ran out an unclaimed agent reply is marked interrupted, default 120000",
    ).default(120_000),
    OPENVIBE_AGENT_MAX_DEPTH: integer(
      "OPENVIBE_AGENT_MAX_DEPTH",
      0,
      10,
      "how many agents may answer agents in a row, default 2",
    ).default(2),
    OPENVIBE_AGENT_TASKS_PER_MINUTE: integer(
      "OPENVIBE_AGENT_TASKS_PER_MINUTE",
      1,
      10_000,
      "new agent tasks allowed per channel per minute, default 30",
    ).default(30),
    OPENVIBE_ACCESS_CHANGE_POLL_MS: integer(
      "OPENVIBE_ACCESS_CHANGE_POLL_MS",
      20,
      60_000,
      "how often, in ms, the server looks for access taken away by ovb, default 500",
    ).default(500),
    OPENVIBE_PUBLIC_URL: z
      .url({
        protocol: /^https?$/,
        error: "OPENVIBE_PUBLIC_URL must be the address people open, e.g. https://chat.example.com",
      })
      .refine(
        (url) => URL.canParse(url) && `${new URL(url).origin}/` === new URL(url).href,
        "OPENVIBE_PUBLIC_URL must be an origin without a path, e.g. https://chat.example.com",
      )
      .transform((url) => new URL(url).origin)
      .optional(),
    OPENVIBE_WRITE_GUARD: z
      .enum(["on", "off"], {
        error:
          'OPENVIBE_WRITE_GUARD must be "on" (check every peer\'s writes) or "off" (only guests\', for benchmarks)',
      })
      .default("on"),
    OPENVIBE_WRITES_PER_SECOND: integer(
      "OPENVIBE_WRITES_PER_SECOND",
      1,
      1_000_000,
      "updates one person or agent may send per second on average, default 200",
    ).default(200),
    OPENVIBE_MAX_DOCUMENT_BYTES: integer(
      "OPENVIBE_MAX_DOCUMENT_BYTES",
      65_536,
      Number.MAX_SAFE_INTEGER,
      "the largest a channel document may grow in bytes, default 536870912 (512 MiB)",
    ).default(512 * 1024 * 1024),
    OPENVIBE_MAX_THREADS_PER_CHANNEL: integer(
      "OPENVIBE_MAX_THREADS_PER_CHANNEL",
      1,
      10_000_000,
      "the most thread documents one channel may hold, default 100000",
    ).default(100_000),
    // A person types a thread's opening message in tens of seconds: six a minute is more than
    // anyone keeps up, and sixty at once covers a day's threads written offline and synced
    // together. One member past it needs 11 days to fill a channel's default 100000 threads.
    OPENVIBE_NEW_THREADS_PER_MINUTE: integer(
      "OPENVIBE_NEW_THREADS_PER_MINUTE",
      1,
      100_000,
      "new thread documents one person or agent may create per minute on average, default 6",
    ).default(6),
    OPENVIBE_NEW_THREADS_BURST: integer(
      "OPENVIBE_NEW_THREADS_BURST",
      1,
      1_000_000,
      "new thread documents one person or agent may create at once before the per-minute rate applies, default 60",
    ).default(60),
    OPENVIBE_INDEX_HOLD_MS: integer(
      "OPENVIBE_INDEX_HOLD_MS",
      0,
      3_600_000,
      "how long in milliseconds the server keeps a channel document it loaded to write its thread index, default 10000",
    ).default(10_000),
    OPENVIBE_DOCUMENT_IDLE_MS: integer(
      "OPENVIBE_DOCUMENT_IDLE_MS",
      0,
      3_600_000,
      "how long in milliseconds a document stays loaded after its last client left, default 0 (unloads at once)",
    ).default(0),
    OPENVIBE_METRICS_TOKEN: z
      .string()
      .trim()
      .min(16, "OPENVIBE_METRICS_TOKEN must be at least 16 characters (e.g. openssl rand -hex 32)")
      .optional(),
    OPENVIBE_HOUSEKEEPING_EVERY_MS: integer(
      "OPENVIBE_HOUSEKEEPING_EVERY_MS",
      1000,
      7 * 24 * 60 * 60 * 1000,
      "how often, in ms, expired sessions, finished invites and old audit entries are purged, default 3600000",
    ).default(60 * 60 * 1000),
    OPENVIBE_AUDIT_RETENTION_DAYS: integer(
      "OPENVIBE_AUDIT_RETENTION_DAYS",
      1,
      100_000,
      "how many days audit entries are kept, default 365",
    ).default(365),
    OPENVIBE_BACKUP_EVERY: z
      .string()
      .trim()
      .regex(
        /^(off|\d+[smhd])$/,
        'OPENVIBE_BACKUP_EVERY must be "off" or a duration such as 30m, 6h or 1d',
      )
      .transform((value) => (value === "off" ? null : durationMs(value)))
      .refine(
        (ms) => ms === null || ms >= 60_000,
        "OPENVIBE_BACKUP_EVERY must be at least 1m (or off)",
      )
      .default(null),
    OPENVIBE_BACKUP_KEEP: integer(
      "OPENVIBE_BACKUP_KEEP",
      1,
      10_000,
      "how many scheduled backups to keep, default 7",
    ).default(7),
    OPENVIBE_TRUSTED_PROXIES: addressList(
      "OPENVIBE_TRUSTED_PROXIES must be a comma-separated list of addresses or subnets, e.g. 127.0.0.1,10.0.0.0/8,::1",
    ),
    OPENVIBE_MAX_SOCKETS: integer(
      "OPENVIBE_MAX_SOCKETS",
      1,
      1_000_000,
      "open WebSockets at most in total, default 10000",
    ).default(10_000),
    OPENVIBE_MAX_SOCKETS_PER_ADDRESS: integer(
      "OPENVIBE_MAX_SOCKETS_PER_ADDRESS",
      1,
      1_000_000,
      "open WebSockets at most from one client address, default 100",
    ).default(100),
    OPENVIBE_MAX_OPEN_DOCUMENTS_PER_PERSON: integer(
      "OPENVIBE_MAX_OPEN_DOCUMENTS_PER_PERSON",
      10,
      10_000_000,
      "documents one person may hold open at once, all their sockets together, default 5000",
    ).default(5_000),
    OPENVIBE_UNAUTHENTICATED_BYTES: integer(
      "OPENVIBE_UNAUTHENTICATED_BYTES",
      1024,
      256 * 1024 * 1024,
      "bytes a WebSocket may send before it authenticates, default 1048576 (1 MiB)",
    ).default(1024 * 1024),
    OPENVIBE_UNAUTHENTICATED_TOTAL_BYTES: integer(
      "OPENVIBE_UNAUTHENTICATED_TOTAL_BYTES",
      1024,
      16 * 1024 * 1024 * 1024,
      "bytes all WebSockets not yet authenticated may have sent together, default 67108864 (64 MiB)",
    ).default(64 * 1024 * 1024),
    OPENVIBE_UNAUTHENTICATED_TIMEOUT_MS: integer(
      "OPENVIBE_UNAUTHENTICATED_TIMEOUT_MS",
      100,
      600_000,
      "how long, in ms, a WebSocket may stay open before it authenticates, default 10000",
    ).default(10_000),
    OPENVIBE_SECRETS_KEY: secretsKeySchema.optional(),
    OPENVIBE_LINK_PREVIEW_ALLOW: addressList(
      "OPENVIBE_LINK_PREVIEW_ALLOW must be a comma-separated list of addresses or subnets the link-preview fetcher may reach although they are not public, e.g. 127.0.0.1 (tests only)",
    ),
    OPENVIBE_LINK_PREVIEW_TIMEOUT_MS: integer(
      "OPENVIBE_LINK_PREVIEW_TIMEOUT_MS",
      100,
      60_000,
      "how long, in ms, one link-preview fetch may take, redirects included, default 5000",
    ).default(5_000),
    OPENVIBE_LINK_PREVIEW_MAX_BYTES: integer(
      "OPENVIBE_LINK_PREVIEW_MAX_BYTES",
      1024,
      16 * 1024 * 1024,
      "bytes read of a linked page or its image, default 1048576 (1 MiB)",
    ).default(1024 * 1024),
    OPENVIBE_LINK_PREVIEW_MAX_REDIRECTS: integer(
      "OPENVIBE_LINK_PREVIEW_MAX_REDIRECTS",
      0,
      10,
      "redirects a link-preview fetch follows, default 3",
    ).default(3),
    OPENVIBE_FILE_STORE: z
      .enum(["fs", "s3"], {
        error:
          'OPENVIBE_FILE_STORE must be "fs" (files under the data directory) or "s3" (an S3-compatible bucket)',
      })
      .default("fs"),
    OPENVIBE_FILE_ORPHAN_GRACE: z
      .string()
      .trim()
      .regex(
        /^\d+[smhd]$/,
        "OPENVIBE_FILE_ORPHAN_GRACE must be a duration such as 30m, 24h or 7d (how long unused files are kept)",
      )
      .transform(durationMs)
      .default(24 * 60 * 60 * 1000),
    OPENVIBE_S3_BUCKET: z.string().trim().min(1).optional(),
    OPENVIBE_S3_REGION: z.string().trim().min(1).default("us-east-1"),
    OPENVIBE_S3_ENDPOINT: z
      .url({ protocol: /^https?$/, error: "OPENVIBE_S3_ENDPOINT must be an http(s) URL" })
      .optional(),
    OPENVIBE_S3_PREFIX: z.string().trim().default(""),
  })
  .refine((e) => e.OPENVIBE_FILE_STORE !== "s3" || e.OPENVIBE_S3_BUCKET !== undefined, {
    path: ["OPENVIBE_S3_BUCKET"],
    message:
      "OPENVIBE_S3_BUCKET must name the bucket when OPENVIBE_FILE_STORE=s3 (credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)",
  })
  .refine(
    (e) =>
      e.OPENVIBE_COMPACT_LOADED_AFTER_UPDATES === undefined ||
      e.OPENVIBE_COMPACT_LOADED_AFTER_UPDATES >= e.OPENVIBE_COMPACT_AFTER_UPDATES,
    {
      path: ["OPENVIBE_COMPACT_LOADED_AFTER_UPDATES"],
      message:
        "OPENVIBE_COMPACT_LOADED_AFTER_UPDATES must be at least OPENVIBE_COMPACT_AFTER_UPDATES (a loaded document compacts no more often than one nobody has open)",
    },
  )
  .refine((e) => e.OPENVIBE_UNAUTHENTICATED_TOTAL_BYTES >= e.OPENVIBE_UNAUTHENTICATED_BYTES, {
    path: ["OPENVIBE_UNAUTHENTICATED_TOTAL_BYTES"],
    message:
      "OPENVIBE_UNAUTHENTICATED_TOTAL_BYTES must be at least OPENVIBE_UNAUTHENTICATED_BYTES (one socket's allowance)",
  });

/**
 * How much longer a loaded document's tail may grow than an unloaded one's by default: its peers
 * sync from the server's memory, and it is compacted when it unloads (collaboration/persistence.ts).
 */
const LOADED_TAIL_FACTOR = 10;

/** Variables whose value a problem report never repeats. */
const SECRET_VARIABLES = new Set(["OPENVIBE_SECRETS_KEY", "OPENVIBE_METRICS_TOKEN"]);

/** Reads and checks the configuration; throws a ConfigError listing every problem. */
export function loadConfig(
  env: Record<string, string | undefined>,
  cwd = process.cwd(),
): ServerConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "environment");
        const given = SECRET_VARIABLES.has(name) ? undefined : present[name];
        return `${issue.message}${given === undefined ? "" : ` (got "${given}")`}`;
      }),
    );
  }
  const e = parsed.data;
  const absolute = (path: string) => (isAbsolute(path) ? path : resolve(cwd, path));
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: absolute(e.OPENVIBE_DATA_DIR),
    logLevel: e.OPENVIBE_LOG_LEVEL,
    compactAfterUpdates: e.OPENVIBE_COMPACT_AFTER_UPDATES,
    compactLoadedAfterUpdates:
      e.OPENVIBE_COMPACT_LOADED_AFTER_UPDATES ??
      e.OPENVIBE_COMPACT_AFTER_UPDATES * LOADED_TAIL_FACTOR,
    maxMessageBytes: e.OPENVIBE_MAX_MESSAGE_BYTES,
    sqliteSynchronous: e.OPENVIBE_SQLITE_SYNCHRONOUS,
    clientDir:
      e.OPENVIBE_CLIENT_DIR === undefined ? DEFAULT_CLIENT_DIR : absolute(e.OPENVIBE_CLIENT_DIR),
    bridgeKeyFile: bridgeKeyFile(
      e.OPENVIBE_BRIDGE_KEY_FILE,
      absolute(e.OPENVIBE_DATA_DIR),
      absolute,
    ),
    agentLeaseMs: e.OPENVIBE_AGENT_LEASE_MS,
    agentOrphanMs: e.OPENVIBE_AGENT_ORPHAN_MS,
    agentMaxDepth: e.OPENVIBE_AGENT_MAX_DEPTH,
    agentTasksPerChannelPerMinute: e.OPENVIBE_AGENT_TASKS_PER_MINUTE,
    accessChangePollMs: e.OPENVIBE_ACCESS_CHANGE_POLL_MS,
    publicUrl: e.OPENVIBE_PUBLIC_URL ?? null,
    writeGuard: e.OPENVIBE_WRITE_GUARD === "on",
    writesPerSecond: e.OPENVIBE_WRITES_PER_SECOND,
    maxDocumentBytes: e.OPENVIBE_MAX_DOCUMENT_BYTES,
    maxThreadsPerChannel: e.OPENVIBE_MAX_THREADS_PER_CHANNEL,
    newThreadsPerMinute: e.OPENVIBE_NEW_THREADS_PER_MINUTE,
    newThreadsBurst: e.OPENVIBE_NEW_THREADS_BURST,
    indexHoldMs: e.OPENVIBE_INDEX_HOLD_MS,
    documentIdleMs: e.OPENVIBE_DOCUMENT_IDLE_MS,
    metricsToken: e.OPENVIBE_METRICS_TOKEN ?? null,
    housekeepingEveryMs: e.OPENVIBE_HOUSEKEEPING_EVERY_MS,
    auditRetentionDays: e.OPENVIBE_AUDIT_RETENTION_DAYS,
    backupEveryMs: e.OPENVIBE_BACKUP_EVERY,
    backupKeep: e.OPENVIBE_BACKUP_KEEP,
    trustedProxies: e.OPENVIBE_TRUSTED_PROXIES,
    maxSockets: e.OPENVIBE_MAX_SOCKETS,
    maxSocketsPerAddress: e.OPENVIBE_MAX_SOCKETS_PER_ADDRESS,
    unauthenticatedBytes: e.OPENVIBE_UNAUTHENTICATED_BYTES,
    unauthenticatedTotalBytes: e.OPENVIBE_UNAUTHENTICATED_TOTAL_BYTES,
    unauthenticatedTimeoutMs: e.OPENVIBE_UNAUTHENTICATED_TIMEOUT_MS,
    maxDocumentsPerPerson: e.OPENVIBE_MAX_OPEN_DOCUMENTS_PER_PERSON,
    secretsKey: e.OPENVIBE_SECRETS_KEY ?? null,
    files: {
      store:
        e.OPENVIBE_FILE_STORE === "s3" && e.OPENVIBE_S3_BUCKET !== undefined
          ? {
              kind: "s3",
              bucket: e.OPENVIBE_S3_BUCKET,
              region: e.OPENVIBE_S3_REGION,
              prefix: e.OPENVIBE_S3_PREFIX,
              ...(e.OPENVIBE_S3_ENDPOINT === undefined ? {} : { endpoint: e.OPENVIBE_S3_ENDPOINT }),
            }
          : { kind: "fs" },
      orphanGraceMs: e.OPENVIBE_FILE_ORPHAN_GRACE,
    },
    linkPreviews: {
      allow: e.OPENVIBE_LINK_PREVIEW_ALLOW,
      timeoutMs: e.OPENVIBE_LINK_PREVIEW_TIMEOUT_MS,
      maxBytes: e.OPENVIBE_LINK_PREVIEW_MAX_BYTES,
      maxRedirects: e.OPENVIBE_LINK_PREVIEW_MAX_REDIRECTS,
    },
  };
}

/** Default: agent-bridge.key in the data directory; "off" disables writing one. */
function bridgeKeyFile(
  value: string | undefined,
  dataDir: string,
  absolute: (path: string) => string,
): string | null {
  if (value === "off") return null;
  return value === undefined ? resolve(dataDir, "agent-bridge.key") : absolute(value);
}
