// `ovb import-slack EXPORT.zip`: a Slack workspace export into a set-up OpenVibe workspace.
//
// - People become placeholder accounts (no password; deactivated when Slack marks them deleted,
//   and bots; roles: Slack's admins and owners admin, its guests guest, others member),
//   each with a single-use invite that claims the account; someone whose Slack email is already
//   an account here (the admin who ran `ovb setup`) is that account instead.
// - Channels keep their names, topics (purpose when no topic), members and archived state; a
//   channel whose name exists here is imported into it only while it holds no conversations.
// - A channel's top-level messages of one day form one thread titled with the day (Slack's export
//   holds one file per day); a Slack thread (thread_ts) becomes a thread of its own, titled with
//   its first message's first line, its replies after it. Edits keep their time; reactions come
//   across with their people; files are listed as links (attachments are not stored yet).
import {
  type ChannelContent,
  compareStamps,
  defaultAvatarColour,
  type ExportedMessage,
  formatStamp,
  MAX_BODY_LENGTH,
  MAX_TITLE_LENGTH,
} from "@openvibe/schema";
import { eq } from "drizzle-orm";
import { unzipSync } from "fflate";
import { monotonicFactory } from "ulid";
import { z } from "zod";
import type { UserRecord } from "../../accounts/principal.ts";
import { findUserByEmail, findUserByHandle } from "../../accounts/users.ts";
import type { AppContext } from "../../context.ts";
import { channels } from "../../db/schema.ts";
import type { ImportedChannel, ImportPlan } from "../apply-import.ts";
import { type DocumentLoader, readStoredContent } from "../export-workspace.ts";
import { ImportError } from "../import-error.ts";
import { describeIssues } from "../json-import.ts";
import {
  type SlackChannel,
  type SlackMessage,
  type SlackUser,
  slackChannel,
  slackMessage,
  slackUser,
} from "./slack-format.ts";
import { slackEmoji, slackMarkupToMarkdown } from "./slack-text.ts";

/** Uncompressed bytes a Slack export may hold in all (a zip declaring more is refused). */
export const MAX_UNZIPPED_BYTES = 2 * 1024 * 1024 * 1024;
/** Subtypes that are channel housekeeping, not conversation. */
const SKIPPED_SUBTYPES = new Set([
  "channel_join",
  "channel_leave",
  "channel_topic",
  "channel_purpose",
  "channel_name",
  "channel_archive",
  "channel_unarchive",
  "group_join",
  "group_leave",
  "pinned_item",
]);

export type ZipEntries = ReadonlyMap<string, Uint8Array>;

/** The zip's files by path (folders left out), refusing a damaged or oversized archive. */
export function readZip(bytes: Uint8Array): ZipEntries {
  let declared = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        declared += file.originalSize;
        if (declared > MAX_UNZIPPED_BYTES) {
          throw new ImportError(`the archive unpacks to more than ${MAX_UNZIPPED_BYTES} bytes`);
        }
        return !file.name.endsWith("/");
      },
    });
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(
      `not a readable zip archive (${error instanceof Error ? error.message : String(error)}); is the file complete?`,
    );
  }
  return new Map(Object.entries(files));
}

function readJson<T>(entries: ZipEntries, path: string, schema: z.ZodType<T>): T {
  const bytes = entries.get(path);
  if (bytes === undefined) throw new ImportError(`${path} is missing from the archive`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    throw new ImportError(
      `${path} is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ImportError(`${path}: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

/** The folder holding users.json: the archive's root, or its one top folder. */
function exportRoot(entries: ZipEntries): string {
  if (entries.has("users.json")) return "";
  const nested = [...entries.keys()].find((path) => /^[^/]+\/users\.json$/.test(path));
  if (nested === undefined) {
    throw new ImportError("users.json is missing: this is not a Slack workspace export");
  }
  return nested.slice(0, -"users.json".length);
}

/** Slack's "seconds.micro" as milliseconds and a counter that keeps messages of one ms apart. */
function slackTime(ts: string): { ms: number; counter: number } {
  const [seconds = "0", micro = "0"] = ts.split(".");
  const micros = Number(micro.padEnd(6, "0"));
  return { ms: Number(seconds) * 1000 + Math.floor(micros / 1000), counter: micros % 1000 };
}

const stampOf = (ts: string) => {
  const { ms, counter } = slackTime(ts);
  return formatStamp(ms, counter);
};

function title(text: string, fallback: string): string {
  const line =
    text
      .split("\n")
      .find((l) => l.trim() !== "")
      ?.trim() ?? "";
  const clean = line.length === 0 ? fallback : line;
  return clean.length > 80 ? `${clean.slice(0, 79)}…` : clean.slice(0, MAX_TITLE_LENGTH);
}

function channelNameOf(name: string): string {
  const clean = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[^a-z0-9]+/, "")
    .slice(0, 80);
  return clean === "" ? "channel" : clean;
}

function handleBase(user: SlackUser): string {
  return (
    user.name
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9_.-]+/g, "")
      .replace(/^[^a-z0-9]+/, "")
      .slice(0, 28) || "slack-user"
  );
}

export interface Placeholder {
  userId: string;
  slackId: string;
  handle: string;
  displayName: string;
  /** The email Slack had, for the admin to send the invite to; not stored on the account. */
  email: string | null;
}

export interface SlackPlan {
  plan: ImportPlan;
  placeholders: Placeholder[];
  skippedMessages: number;
}

interface Mapping {
  /** Slack user id -> OpenVibe user id. */
  users: Map<string, string>;
  handles: Map<string, string>;
  channelNames: Map<string, string>;
}

/**
 * Reads the archive and works out everything the import writes, refusing (with the file and the
 * reason) what it cannot read. `admin` does the import: it creates channels whose creator is
 * unknown and owns the invites.
 */
export function planSlackImport(
  ctx: AppContext,
  store: DocumentLoader,
  entries: ZipEntries,
  admin: UserRecord,
  now: number,
): SlackPlan {
  const root = exportRoot(entries);
  const slackUsers = readJson(entries, `${root}users.json`, z.array(slackUser));
  const publicChannels = readJson(entries, `${root}channels.json`, z.array(slackChannel));
  const privateChannels = entries.has(`${root}groups.json`)
    ? readJson(entries, `${root}groups.json`, z.array(slackChannel))
    : [];
  const newId = monotonicFactory();

  // People.
  const mapping: Mapping = { users: new Map(), handles: new Map(), channelNames: new Map() };
  const takenHandles = new Set<string>();
  const plan: ImportPlan = {
    users: [],
    channels: [],
    invites: [],
    audit: { actorId: admin.id, action: "workspace.imported", details: { from: "slack" } },
  };
  const placeholders: Placeholder[] = [];
  for (const slack of slackUsers) {
    if (mapping.users.has(slack.id)) throw new ImportError(`users.json: user ${slack.id} twice`);
    const email = slack.profile.email?.trim().toLowerCase() || null;
    const existing = email === null ? undefined : findUserByEmail(ctx, email);
    if (existing !== undefined) {
      mapping.users.set(slack.id, existing.id);
      mapping.handles.set(slack.id, existing.handle);
      continue;
    }
    let handle = handleBase(slack);
    for (let n = 2; takenHandles.has(handle) || findUserByHandle(ctx, handle) !== undefined; n++) {
      handle = `${handleBase(slack)}${n}`;
    }
    takenHandles.add(handle);
    const id = newId(now);
    const displayName = (
      slack.profile.display_name ||
      slack.profile.real_name ||
      slack.real_name ||
      slack.name ||
      handle
    )
      .trim()
      .slice(0, 80);
    plan.users.push({
      id,
      kind: "human",
      email: null,
      handle,
      displayName: displayName === "" ? handle : displayName,
      avatarColor: defaultAvatarColour(id),
      passwordHash: null,
      role: slack.is_admin || slack.is_owner ? "admin" : slack.is_restricted ? "guest" : "member",
      // Bots cannot claim an account; their messages keep them as authors.
      status: slack.deleted || slack.is_bot ? "deactivated" : "active",
      createdAt: now,
      deactivatedAt: slack.deleted || slack.is_bot ? now : null,
    });
    mapping.users.set(slack.id, id);
    mapping.handles.set(slack.id, handle);
    if (!slack.deleted && !slack.is_bot) {
      placeholders.push({ userId: id, slackId: slack.id, handle, displayName, email });
    }
  }

  // Channels.
  const all = [
    ...publicChannels.map((c) => ({ channel: c, visibility: "public" as const })),
    ...privateChannels.map((c) => ({ channel: c, visibility: "private" as const })),
  ];
  const names = new Set<string>();
  for (const { channel } of all) {
    let name = channelNameOf(channel.name);
    for (let n = 2; names.has(name); n++) name = `${channelNameOf(channel.name)}-${n}`;
    names.add(name);
    mapping.channelNames.set(channel.id, name);
  }
  let skippedMessages = 0;
  for (const { channel, visibility } of all) {
    const name = mapping.channelNames.get(channel.id) ?? channel.name;
    const messages = readChannelMessages(entries, `${root}${channel.name}/`);
    const converted = convertMessages(messages, mapping, newId);
    skippedMessages += converted.skipped;
    plan.channels.push(
      channelPlan(
        ctx,
        store,
        { channel, visibility, name, content: converted.content },
        mapping,
        admin,
        now,
        newId,
      ),
    );
  }
  plan.audit.details = {
    from: "slack",
    users: plan.users.length,
    channels: plan.channels.length,
    messages: plan.channels.reduce((n, c) => n + c.content.messages.length, 0),
  };
  return { plan, placeholders, skippedMessages };
}

function readChannelMessages(entries: ZipEntries, folder: string): SlackMessage[] {
  const days = [...entries.keys()]
    .filter(
      (path) =>
        path.startsWith(folder) && /^\d{4}-\d{2}-\d{2}\.json$/.test(path.slice(folder.length)),
    )
    .sort();
  return days.flatMap((path) => readJson(entries, path, z.array(slackMessage)));
}

function channelPlan(
  ctx: AppContext,
  store: DocumentLoader,
  input: {
    channel: SlackChannel;
    visibility: "public" | "private";
    name: string;
    content: ChannelContent;
  },
  mapping: Mapping,
  admin: UserRecord,
  now: number,
  newId: (time?: number) => string,
): ImportedChannel {
  const { channel } = input;
  const existing = ctx.db.select().from(channels).where(eq(channels.name, input.name)).get();
  if (existing !== undefined) {
    const held = readStoredContent(ctx.db.$client, store, existing.id).threads.length;
    if (held > 0) {
      throw new ImportError(
        `#${input.name} exists here and holds conversations; rename it first (nothing was imported)`,
      );
    }
  }
  const id = existing?.id ?? newId(now);
  const createdAt = channel.created === undefined ? now : channel.created * 1000;
  const members = [
    ...new Set([admin.id, ...channel.members.flatMap((m) => mapping.users.get(m) ?? [])]),
  ];
  const topic = (channel.topic?.value || channel.purpose?.value || "").trim().slice(0, 250);
  return {
    row: existing ?? {
      id,
      name: input.name,
      topic,
      visibility: input.visibility,
      createdBy: (channel.creator && mapping.users.get(channel.creator)) || admin.id,
      createdAt,
      archivedAt: channel.is_archived ? now : null,
    },
    existing: existing !== undefined,
    members: members.map((userId) => ({
      channelId: id,
      userId,
      addedBy: admin.id,
      joinedAt: createdAt,
    })),
    content: input.content,
  };
}

function bodyOf(message: SlackMessage, mapping: Mapping): string {
  const text = slackMarkupToMarkdown(message.text, mapping.handles, mapping.channelNames);
  const files = message.files.map((file) => {
    const label = file.title || file.name || "file";
    const url = file.permalink || file.url_private;
    return url === undefined ? `📎 ${label}` : `📎 [${label}](${url})`;
  });
  const body = [text, ...(files.length > 0 ? ["", ...files] : [])].join("\n").trim();
  return (body === "" ? "(empty message)" : body).slice(0, MAX_BODY_LENGTH);
}

function convertMessages(
  messages: readonly SlackMessage[],
  mapping: Mapping,
  newId: (time?: number) => string,
): { content: ChannelContent; skipped: number } {
  const content: ChannelContent = {
    threads: [],
    forks: [],
    messages: [],
    reactions: [],
    pins: [],
    messageVersions: [],
    toolSteps: [],
  };
  let skipped = 0;
  const kept = messages
    .filter((m) => {
      const keep =
        m.type === "message" &&
        !SKIPPED_SUBTYPES.has(m.subtype ?? "") &&
        m.user !== undefined &&
        mapping.users.has(m.user);
      if (!keep) skipped += 1;
      return keep;
    })
    .sort((a, b) => Number(a.ts) - Number(b.ts));
  const byTs = new Map(kept.map((m) => [m.ts, m]));
  const hasReplies = new Set(
    kept.filter((m) => m.thread_ts !== undefined && m.thread_ts !== m.ts).map((m) => m.thread_ts),
  );
  const threadOf = new Map<string, string>(); // day or parent ts -> thread id
  const seen = new Set<string>();
  for (const message of kept) {
    if (seen.has(message.ts)) {
      skipped += 1;
      continue;
    }
    seen.add(message.ts);
    const author = { kind: "human" as const, id: mapping.users.get(message.user ?? "") ?? "" };
    const createdAt = stampOf(message.ts);
    const isReply = message.thread_ts !== undefined && message.thread_ts !== message.ts;
    const parentTs = isReply
      ? message.thread_ts
      : hasReplies.has(message.ts)
        ? message.ts
        : undefined;
    const { ms } = slackTime(message.ts);
    const key = parentTs ?? new Date(ms).toISOString().slice(0, 10);
    let threadId = threadOf.get(key);
    if (threadId === undefined) {
      threadId = newId(ms);
      threadOf.set(key, threadId);
      const parent = parentTs === undefined ? undefined : byTs.get(parentTs);
      content.threads.push({
        id: threadId,
        title:
          parentTs === undefined
            ? key
            : title(
                slackMarkupToMarkdown(
                  parent?.text ?? message.text,
                  mapping.handles,
                  mapping.channelNames,
                ),
                "Thread",
              ),
        status: "active",
        createdBy: author,
        createdAt,
      });
    }
    const id = newId(ms);
    const edited = message.edited === undefined ? null : stampOf(message.edited.ts);
    const exported: ExportedMessage = {
      id,
      threadId,
      forkId: null,
      author,
      createdAt,
      body: bodyOf(message, mapping),
      kind: "message",
      summaryOfForkId: null,
      // An edit stamped before its message (clock skew) is stamped at the message.
      editedAt: edited === null || compareStamps(edited, createdAt) >= 0 ? edited : createdAt,
      deletedAt: null,
      deletedBy: null,
      task: null,
    };
    content.messages.push(exported);
    const reacted = new Set<string>();
    for (const reaction of message.reactions) {
      const emoji = slackEmoji(reaction.name);
      for (const slackId of reaction.users) {
        const actorId = mapping.users.get(slackId);
        const key = `${emoji}|${actorId}`;
        if (actorId === undefined || reacted.has(key) || emoji.includes("|")) continue;
        reacted.add(key);
        content.reactions.push({ messageId: id, emoji, actorId, at: ms });
      }
    }
  }
  return { content, skipped };
}
