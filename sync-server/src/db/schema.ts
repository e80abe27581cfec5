// The server's SQLite tables (drizzle-orm). Every change here needs a
// migration: run `pnpm --filter @openvibe/sync-server db:generate`.
import {
  blob,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

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
 * The migration creates it WITHOUT ROWID, clustered on (document, seq): an
 * append then writes one B-tree page instead of a table page plus an index
 * page (drizzle-kit cannot express WITHOUT ROWID; the SQL is edited by hand).
 */
export const documentUpdates = sqliteTable(
  "document_updates",
  {
    documentName: text("document_name").notNull(),
    /**
     * Per-document sequence number, never reused: the next one is above both
     * the tail's highest and the snapshot's `snapshot_through`.
     */
    seq: integer("seq").notNull(),
    update: blob("update", { mode: "buffer" }).notNull(),
    storedAt: integer("stored_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.documentName, table.seq] })],
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
  },
  (table) => [uniqueIndex("invites_token").on(table.tokenHash)],
);

export const channels = sqliteTable(
  "channels",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    topic: text("topic").notNull().default(""),
    visibility: text("visibility", { enum: ["public", "private"] }).notNull(),
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
