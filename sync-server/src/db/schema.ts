// The server's SQLite tables (drizzle-orm). Every change here needs a
// migration: run `pnpm --filter @openvibe/sync-server db:generate`.

import {
  CHANNEL_VISIBILITIES,
  CONTEXT_ITEM_KINDS,
  CONTEXT_SCOPES,
  CONTEXT_SOURCES,
  MODEL_PROVIDERS,
  UPLOAD_STATUSES,
} from "@openvibe/schema";
import {
  blob,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { FACETS_COLUMN } from "../search/facets.ts";

/** One row per document: its latest compacted snapshot. */
export const documents = sqliteTable("documents", {
  name: text("name").primaryKey(),
  /** Yjs update holding the whole state through `snapshotThrough`; null before the first compaction. */
  snapshot: blob("snapshot", { mode: "buffer" }),
  /** Highest `document_updates.seq` folded into the snapshot. */
  snapshotThrough: integer("snapshot_through").notNull().default(0),
  createdAt: integer("created_at").notNull(),
  compactedAt: integer("compacted_at"),
});

/**
 * Append-only log of Yjs updates; compaction folds a prefix into the snapshot.
 * A rowid table, unique on (document, seq): appends land at the table's right
 * edge whichever document they belong to (migration 0024 says why it is no
 * longer WITHOUT ROWID).
 */
export const documentUpdates = sqliteTable(
  "document_updates",
  {
    id: integer("id").primaryKey(),
    documentName: text("document_name").notNull(),
    /**
     * Per-document sequence number, never reused: the next one is above both
     * the tail's highest and the snapshot's `snapshot_through`.
     */
    seq: integer("seq").notNull(),
    update: blob("update", { mode: "buffer" }).notNull(),
    storedAt: integer("stored_at").notNull(),
  },
  (table) => [uniqueIndex("document_updates_document_seq").on(table.documentName, table.seq)],
);

/** The one workspace this server holds, and its settings (JSON, validated by @openvibe/schema). */
export const workspace = sqliteTable("workspace", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  settings: text("settings", { mode: "json" }).notNull(),
  /** HMAC key for WebSocket tokens and CSRF tokens; generated at setup, never leaves the server. */
  secret: blob("secret", { mode: "buffer" }).notNull(),
  createdAt: integer("created_at").notNull(),
});

/** People and agents. Agents have no email or password: they use API keys. */
export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ["human", "agent"] }).notNull(),
    email: text("email"),
    handle: text("handle").notNull(),
    displayName: text("display_name").notNull(),
    avatarColor: text("avatar_color").notNull(),
    passwordHash: text("password_hash"),
    role: text("role", { enum: ["admin", "member", "guest"] }).notNull(),
    status: text("status", { enum: ["active", "deactivated"] })
      .notNull()
      .default("active"),
    createdAt: integer("created_at").notNull(),
    deactivatedAt: integer("deactivated_at"),
  },
  (table) => [
    uniqueIndex("users_email").on(table.email),
    uniqueIndex("users_handle").on(table.handle),
  ],
);

/** Browser sessions; the cookie holds a random token, the table its SHA-256. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    tokenHash: text("token_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    userAgent: text("user_agent"),
  },
  (table) => [
    uniqueIndex("sessions_token").on(table.tokenHash),
    index("sessions_user").on(table.userId),
  ],
);

export const invites = sqliteTable(
  "invites",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    role: text("role", { enum: ["admin", "member", "guest"] }).notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    /** Null: any number of uses. */
    maxUses: integer("max_uses"),
    uses: integer("uses").notNull().default(0),
    revokedAt: integer("revoked_at"),
    /**
     * A placeholder account (imported, without a password) that accepting this invite claims:
     * the person sets its email, name and password instead of creating a new account.
     */
    claimsUserId: text("claims_user_id").references(() => users.id),
  },
  (table) => [uniqueIndex("invites_token").on(table.tokenHash)],
);

export const channels = sqliteTable(
  "channels",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    topic: text("topic").notNull().default(""),
    visibility: text("visibility", { enum: CHANNEL_VISIBILITIES }).notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at").notNull(),
    archivedAt: integer("archived_at"),
  },
  (table) => [uniqueIndex("channels_name").on(table.name)],
);

export const channelMembers = sqliteTable(
  "channel_members",
  {
    channelId: text("channel_id")
      .notNull()
      .references(() => channels.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    addedBy: text("added_by").references(() => users.id),
    joinedAt: integer("joined_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.channelId, table.userId] }),
    index("channel_members_user").on(table.userId),
  ],
);

/** Keys for agents and scripts; the table holds the key's SHA-256, the caller sees it once. */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    /** "user": acts as its owner; "bridge": an agent bridge that claims tasks and writes as agents. */
    scope: text("scope", { enum: ["user", "bridge"] })
      .notNull()
      .default("user"),
    createdBy: text("created_by").references(() => users.id),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
  },
  (table) => [
    uniqueIndex("api_keys_hash").on(table.keyHash),
    index("api_keys_user").on(table.userId),
  ],
);

/** Who did what to whom: admin actions and other security-relevant changes. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    details: text("details", { mode: "json" }),
    createdAt: integer("created_at").notNull(),
  },
  (table) => [index("audit_log_created").on(table.createdAt)],
);

/** How each agent answers; absent row: the defaults in agents/agent-config.ts. */
export const agentConfigs = sqliteTable("agent_configs", {
  agentId: text("agent_id")
    .primaryKey()
    .references(() => users.id),
  model: text("model").notNull(),
  systemPrompt: text("system_prompt").notNull(),
  maxOutputTokens: integer("max_output_tokens").notNull(),
  temperature: real("temperature"),
  enabled: integer("enabled", { mode: "boolean" }).notNull(),
  /** Tokens (input + output) per calendar month (UTC); null: no limit. */
  monthlyTokenBudget: integer("monthly_token_budget"),
  provider: text("provider", { enum: MODEL_PROVIDERS }).notNull().default("anthropic"),
  /** The openai-compatible endpoint. */
  baseUrl: text("base_url"),
  /** The provider's API key, sealed with OPENVIBE_SECRETS_KEY (agents/secret-box.ts). */
  apiKeySealed: text("api_key_sealed"),
  updatedAt: integer("updated_at").notNull(),
});

/** The MCP servers and tool limits admins set for an agent (agents/agent-tools.ts). */
export const agentTools = sqliteTable("agent_tools", {
  agentId: text("agent_id")
    .primaryKey()
    .references(() => users.id),
  /** AgentToolSettings as JSON, parsed with its schema when read. */
  settings: text("settings").notNull(),
  /** HTTP servers' header values by server name (JSON), each sealed with OPENVIBE_SECRETS_KEY. */
  headerValuesSealed: text("header_values_sealed").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/** What a model's tokens cost, per (provider, model): the usage report's prices. */
export const modelPrices = sqliteTable(
  "model_prices",
  {
    id: text("id").primaryKey(),
    provider: text("provider", { enum: MODEL_PROVIDERS }).notNull(),
    model: text("model").notNull(),
    /** Per million tokens, in `currency`. */
    inputPerMillion: real("input_per_million").notNull(),
    outputPerMillion: real("output_per_million").notNull(),
    /** ISO 4217. */
    currency: text("currency").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (table) => [uniqueIndex("model_prices_model").on(table.provider, table.model)],
);

/**
 * The task ledger: one row per (kind, trigger message, agent), the unique key that makes a
 * mention produce exactly one reply however many bridges or restarts there are.
 */
export const agentTasks = sqliteTable(
  "agent_tasks",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ["mention", "fork-summary", "thread-summary"] }).notNull(),
    agentId: text("agent_id")
      .notNull()
      .references(() => users.id),
    channelId: text("channel_id")
      .notNull()
      .references(() => channels.id),
    threadId: text("thread_id").notNull(),
    forkId: text("fork_id"),
    triggerMessageId: text("trigger_message_id").notNull(),
    /** Who asked (the mention's author). */
    requestedBy: text("requested_by").notNull(),
    /** 0 when a person asked; one more for each agent in the chain (loop guard). */
    depth: integer("depth").notNull(),
    status: text("status", {
      enum: ["queued", "running", "completed", "failed", "cancelled"],
    }).notNull(),
    replyMessageId: text("reply_message_id"),
    /** The attempt (claim number) that started writing the reply message. */
    replyAttempt: integer("reply_attempt"),
    /** The bridge key holding the lease, and until when. */
    claimedBy: text("claimed_by"),
    leaseExpiresAt: integer("lease_expires_at"),
    attempts: integer("attempts").notNull().default(0),
    model: text("model"),
    /** The provider its tokens went through (the last attempt's that reported any); null: none. */
    provider: text("provider", { enum: MODEL_PROVIDERS }),
    /** The sum of the usage recorded for its attempts (agent_task_attempts). */
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    stopReason: text("stop_reason"),
    error: text("error"),
    createdAt: integer("created_at").notNull(),
    startedAt: integer("started_at"),
    finishedAt: integer("finished_at"),
  },
  (table) => [
    uniqueIndex("agent_tasks_once").on(table.kind, table.triggerMessageId, table.agentId),
    index("agent_tasks_queue").on(table.status, table.createdAt),
    index("agent_tasks_usage").on(table.agentId, table.finishedAt),
  ],
);

/**
 * Every claim of a task (attempt n is its n-th claim), by which bridge key, and the tokens the
 * model reported for it. Usage is recorded at most once per attempt, whichever bridge reports it
 * (the claimer itself, even after losing the task, or a later claimer that finds the attempt's
 * finished reply in the document), and added to the task's totals then.
 */
export const agentTaskAttempts = sqliteTable(
  "agent_task_attempts",
  {
    taskId: text("task_id")
      .notNull()
      .references(() => agentTasks.id),
    attempt: integer("attempt").notNull(),
    claimedBy: text("claimed_by").notNull(),
    claimedAt: integer("claimed_at").notNull(),
    model: text("model"),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    /** When its usage was recorded; null: not yet (it may never be, if it consumed nothing). */
    usageRecordedAt: integer("usage_recorded_at"),
  },
  (table) => [primaryKey({ columns: [table.taskId, table.attempt] })],
);

/**
 * What went into the prompt of each claim that built one (what the agent saw), as its bridge
 * reported it (PromptContent in @openvibe/schema, JSON), with the reply it wrote.
 */
export const agentTaskPrompts = sqliteTable(
  "agent_task_prompts",
  {
    taskId: text("task_id")
      .notNull()
      .references(() => agentTasks.id),
    attempt: integer("attempt").notNull(),
    replyMessageId: text("reply_message_id").notNull(),
    content: text("content", { mode: "json" }).notNull(),
    recordedAt: integer("recorded_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.taskId, table.attempt] })],
);

/**
 * Search projection: one row per live message, rebuilt from the channel documents by
 * `ovb reindex`. Its full-text index `search_fts` (FTS5, external content = this table, kept
 * in step by triggers) and `search_vocab` are created by hand-written SQL in the migration:
 * drizzle cannot declare virtual tables. Access goes through search/search-index.ts only.
 */
export const searchMessages = sqliteTable(
  "search_messages",
  {
    /** The FTS rowid; in insertion order, so "newest rows" is a cheap descending scan. */
    id: integer("id").primaryKey(),
    messageId: text("message_id").notNull(),
    channelId: text("channel_id").notNull(),
    threadId: text("thread_id").notNull(),
    threadTitle: text("thread_title").notNull(),
    forkId: text("fork_id"),
    authorId: text("author_id").notNull(),
    authorKind: text("author_kind").notNull(),
    /** The message's stamp, and its wall-clock part in ms for date filters and recency. */
    createdAt: text("created_at").notNull(),
    createdMs: integer("created_ms").notNull(),
    pinned: integer("pinned", { mode: "boolean" }).notNull(),
    hasFork: integer("has_fork", { mode: "boolean" }).notNull(),
    hasFile: integer("has_file", { mode: "boolean" }).notNull().default(false),
    hasImage: integer("has_image", { mode: "boolean" }).notNull().default(false),
    /** The message holds a web link (`has:link`). */
    hasLink: integer("has_link", { mode: "boolean" }).notNull().default(false),
    /** The body as indexed: CJK characters split by U+200B, snippet markers removed. */
    body: text("body").notNull(),
    /**
     * The handles the message mentions, as a JSON array; null for rows indexed before mentions
     * were (the server re-indexes their channels at start). Triggers keep search_mentions in step.
     */
    mentions: text("mentions"),
    /** The row's filters as words for search_fts (search/facets.ts): generated, never written. */
    facets: text("facets").generatedAlwaysAs(FACETS_COLUMN, { mode: "virtual" }),
  },
  (table) => [
    uniqueIndex("search_messages_message").on(table.messageId),
    index("search_messages_channel_time").on(table.channelId, table.createdMs),
  ],
);

/**
 * The mentions inbox: one row per (mentioned handle, message) of search_messages, newest first
 * per handle. Written only by the migration's triggers on search_messages.mentions.
 */
export const searchMentions = sqliteTable(
  "search_mentions",
  {
    handle: text("handle").notNull(),
    /** search_messages.id */
    messageRow: integer("message_row").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.handle, table.messageRow] }),
    index("search_mentions_newest").on(table.handle, table.createdAt, table.messageRow),
    index("search_mentions_row").on(table.messageRow),
  ],
);

/**
 * How far each person has read, per thread and per channel (`thread_id` '' for the channel-wide
 * position), so their devices agree. A position only moves to a later stamp.
 */
export const readPositions = sqliteTable(
  "read_positions",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    channelId: text("channel_id")
      .notNull()
      .references(() => channels.id),
    threadId: text("thread_id").notNull().default(""),
    stamp: text("stamp").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.channelId, table.threadId] })],
);

/**
 * Access changes (permissions/access-changes.ts) as every process on this database emitted
 * them, so a server hears of those made elsewhere (`ovb`). `origin` names the emitting
 * process; `change` is the change as JSON, checked when read back. Rows older than a day are
 * pruned; AUTOINCREMENT keeps `seq` from being reused once they are.
 */
export const accessChangeJournal = sqliteTable(
  "access_change_journal",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    origin: text("origin").notNull(),
    change: text("change").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (table) => [index("access_change_journal_created").on(table.createdAt)],
);

/**
 * Who owns each Yjs client id of a document: the principal (user id, or "system" for the
 * server) that first wrote under it. The write guard refuses content under another's client id,
 * so nobody can take over a colleague's id and make their later writes vanish.
 */
export const documentClientIds = sqliteTable(
  "document_client_ids",
  {
    documentName: text("document_name").notNull(),
    clientId: integer("client_id").notNull(),
    ownerId: text("owner_id").notNull(),
    claimedAt: integer("claimed_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.documentName, table.clientId] })],
);

/**
 * Stored parts of documents found damaged when loading (a snapshot or an update that does not
 * decode), taken out of the document and kept here, bytes and all, for inspection.
 */
export const damagedDocumentParts = sqliteTable("damaged_document_parts", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  documentName: text("document_name").notNull(),
  kind: text("kind", { enum: ["snapshot", "update"] }).notNull(),
  /** The update's sequence number; for a snapshot, the last one it held. */
  seq: integer("seq").notNull(),
  data: blob("data", { mode: "buffer" }).notNull(),
  reason: text("reason").notNull(),
  foundAt: integer("found_at").notNull(),
});

/**
 * The server's VAPID key pair for web push (one row), generated at first start. The private
 * key signs every push request; it never leaves the server and is never logged.
 */
export const vapidKeys = sqliteTable("vapid_keys", {
  id: integer("id").primaryKey(),
  /** base64url, as browsers take it for `applicationServerKey`. */
  publicKey: text("public_key").notNull(),
  privateKey: text("private_key").notNull(),
  createdAt: integer("created_at").notNull(),
});

/**
 * Browsers' push subscriptions, one per endpoint, each owned by the person who subscribed it.
 * A push service's 404 or 410 deletes it; so do too many failures in a row.
 */
export const pushSubscriptions = sqliteTable(
  "push_subscriptions",
  {
    endpoint: text("endpoint").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    /** The browser's P-256 public key and auth secret (base64url), to encrypt payloads to. */
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    createdAt: integer("created_at").notNull(),
    lastSuccessAt: integer("last_success_at"),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
  },
  (table) => [index("push_subscriptions_user").on(table.userId)],
);

/**
 * Files attached to messages: one row per attachment id (the client makes it), from the start
 * of its upload. The bytes go to the blob store under `sha256` once they are all in and check
 * out; until then they wait in the data directory's `uploads/` (`received` of `size`).
 */
export const attachments = sqliteTable(
  "attachments",
  {
    id: text("id").primaryKey(),
    channelId: text("channel_id").notNull(),
    uploaderId: text("uploader_id").notNull(),
    name: text("name").notNull(),
    /** What the client said; `type` is what the content turned out to be. */
    declaredType: text("declared_type").notNull(),
    type: text("type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    received: integer("received").notNull().default(0),
    status: text("status", { enum: UPLOAD_STATUSES }).notNull(),
    width: integer("width"),
    height: integer("height"),
    thumbnailSha256: text("thumbnail_sha256"),
    createdAt: integer("created_at").notNull(),
    storedAt: integer("stored_at"),
  },
  (table) => [
    index("attachments_sha256").on(table.sha256),
    index("attachments_thumbnail").on(table.thumbnailSha256),
    index("attachments_channel").on(table.channelId),
  ],
);

/**
 * Which messages name which attachments, as the channel documents say (kept by the server's
 * projection). A download needs a live reference from a message by the uploader in the upload's
 * channel; a tombstone or a removed file sets `removedAt`, and the grace period runs from there.
 */
export const attachmentRefs = sqliteTable(
  "attachment_refs",
  {
    attachmentId: text("attachment_id").notNull(),
    messageId: text("message_id").notNull(),
    channelId: text("channel_id").notNull(),
    authorId: text("author_id").notNull(),
    createdAt: integer("created_at").notNull(),
    removedAt: integer("removed_at"),
  },
  (table) => [
    primaryKey({ columns: [table.attachmentId, table.messageId] }),
    index("attachment_refs_message").on(table.messageId),
  ],
);

/** Every blob in the blob store, by content hash: what garbage collection walks. */
export const blobs = sqliteTable("blobs", {
  sha256: text("sha256").primaryKey(),
  size: integer("size").notNull(),
  createdAt: integer("created_at").notNull(),
});

/**
 * The link-preview cache (link-previews/): one row per page URL fetched, what its page said
 * (or that it gave nothing), and its image's bytes when it had one, served through the server.
 */
export const linkPreviews = sqliteTable("link_previews", {
  url: text("url").primaryKey(),
  /** "ok": a preview; "failed": nothing to show (refused, unreachable, not HTML, no title). */
  status: text("status", { enum: ["ok", "failed"] }).notNull(),
  title: text("title"),
  description: text("description"),
  imageType: text("image_type"),
  image: blob("image", { mode: "buffer" }),
  fetchedAt: integer("fetched_at").notNull(),
});

/**
 * Context items (the shared memory): distilled knowledge with a scope. Not in a channel document,
 * since a workspace item belongs to no channel; every read checks the reader's access to the
 * scope (context-items/visibility.ts).
 */
export const contextItems = sqliteTable(
  "context_items",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: CONTEXT_ITEM_KINDS }).notNull(),
    text: text("text").notNull(),
    scope: text("scope", { enum: CONTEXT_SCOPES }).notNull(),
    /** Null for the workspace scope. */
    channelId: text("channel_id").references(() => channels.id),
    /** Set for the thread scope only. */
    threadId: text("thread_id"),
    source: text("source", { enum: CONTEXT_SOURCES }).notNull(),
    /** Where the message it came from is (the one remembered, the fork's summary, the mention). */
    sourceChannelId: text("source_channel_id"),
    sourceThreadId: text("source_thread_id"),
    /** The fork the source message is in; null: the thread's main line. */
    sourceMessageForkId: text("source_message_fork_id"),
    sourceMessageId: text("source_message_id"),
    /** A fork's resolution becomes one item at most. */
    sourceForkId: text("source_fork_id"),
    sourceTaskId: text("source_task_id"),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (table) => [
    index("context_items_channel").on(table.channelId, table.createdAt),
    uniqueIndex("context_items_fork").on(table.sourceForkId),
  ],
);

/**
 * The thread index of split channels (threads/): one row per thread document, its digest as the
 * server last derived it. A projection, rebuilt from the thread documents like the search index;
 * the channel document holds the most recently active digests, this table all of them, for
 * GET /api/channels/:id/threads. Written only through threads/thread-index-rows.ts.
 */
export const threadIndex = sqliteTable(
  "thread_index",
  {
    channelId: text("channel_id").notNull(),
    threadId: text("thread_id").notNull(),
    /** `thread:<channelId>:<threadId>`, for the catch-up's join with `documents`. */
    documentName: text("document_name").notNull(),
    /**
     * The digest as JSON, in the stored form the channel document uses (storedThreadDigest);
     * null while the document holds no thread (so the catch-up does not read it again).
     */
    digest: text("digest"),
    /** The digest's lastActivityAt (a stamp: text order is time order); null without one. */
    lastActivityAt: text("last_activity_at"),
    /** The document's last stored update sequence number when the digest was derived. */
    storedThrough: integer("stored_through").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.channelId, table.threadId] }),
    uniqueIndex("thread_index_document").on(table.documentName),
    index("thread_index_activity").on(table.channelId, table.lastActivityAt, table.threadId),
  ],
);
