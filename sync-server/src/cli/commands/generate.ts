// ovb generate: fills a channel with a synthetic conversation, to try OpenVibe at scale and to
// benchmark it. Written through @openvibe/schema's operations and stored in chunks through the
// document store, with the search index written alongside (generate/).
import { randomInt } from "node:crypto";
import { createChannelRequest } from "@openvibe/schema";
import type { UserRecord } from "../../accounts/principal.ts";
import { createChannel, getChannel, listVisibleChannels } from "../../channels/channels.ts";
import type { AppContext } from "../../context.ts";
import { ChunkStorage } from "../../generate/chunk-storage.ts";
import { ConversationGenerator } from "../../generate/conversation-generator.ts";
import { otherPeople, syntheticAuthors } from "../../generate/synthetic-authors.ts";
import { SqliteDocumentStore } from "../../storage/sqlite-document-store.ts";
import { defineCommand } from "../command.ts";
import { CliError } from "../errors.ts";
import { CHANNEL_OPTION, WORKSPACE_OPTIONS } from "../options.ts";
import { keyValues } from "../output.ts";
import { Progress } from "../progress.ts";
import { validate } from "../validate.ts";
import { wholeNumber } from "../whole-number.ts";
import { asAdmin, resolveDataDir } from "../workspace.ts";
import { refuseRunningServer } from "./import.ts";

const MAX_MESSAGES = 10_000_000;
const MAX_AUTHORS = 1000;
const DEFAULT_AUTHORS = 12;
/** Messages per stored chunk: one Y.Doc in memory, one update and one transaction each. */
const CHUNK_MESSAGES = 2000;
/** The conversation spreads over the last 90 days. */
const SPAN_MS = 90 * 24 * 60 * 60 * 1000;

/** The channel by name or id, or a new public one of that name (the admin its first member). */
function channelFor(ctx: AppContext, admin: UserRecord, reference: string) {
  const name = reference.replace(/^#/, "").toLowerCase();
  const found = listVisibleChannels(ctx, admin).find((channel) => channel.name === name);
  const existing = getChannel(ctx, found?.id ?? reference);
  if (existing !== undefined) {
    if (existing.archivedAt !== null) throw new CliError(`#${existing.name} is archived`);
    return { channel: existing, created: false };
  }
  const request = validate(
    createChannelRequest,
    { name, topic: "Synthetic conversation (ovb generate)", visibility: "public" },
    { name: "--channel" },
  );
  return { channel: createChannel(ctx, admin, request), created: true };
}

function refuseOtherPeople(ctx: AppContext, admin: UserRecord): void {
  const others = otherPeople(ctx, admin);
  if (others.length === 0) return;
  const named = others.slice(0, 3).map((user) => `@${user.handle}`);
  const more = others.length > 3 ? ` and ${others.length - 3} more` : "";
  throw new CliError(
    `the workspace has people other than its admin (${named.join(", ")}${more}): generated ` +
      "conversations would reach them (channels, unread counts, search). Generate into a " +
      "workspace of your own, or pass --force to do it anyway",
  );
}

export const generateCommand = defineCommand({
  name: "generate",
  summary: "Fill a channel with a synthetic conversation, for trying OpenVibe at scale",
  synopsis:
    "--channel NAME --messages N --threads T [--authors K] [--seed S] [--force] [--data-dir DIR]",
  details:
    "Writes N messages spread unevenly over T new threads, by K synthetic people (accounts " +
    "without a password, members of the channel, reused when run again), over the last 90 " +
    "days: bodies of varied length, some @mentions of each other, edits, reactions, a few " +
    "deletions and forks. Everything is written through the same operations the app uses and " +
    "stored in chunks, with the search index, so millions of messages fit in bounded memory. " +
    "Running it again adds to the channel. The same --seed gives the same conversation, with " +
    "times relative to the moment it runs. A channel that does not exist is created (public). " +
    "Stop the server first: a running one is refused. A workspace with people other than the " +
    "admin (and earlier synthetic people) is refused unless --force. Progress goes to stderr.",
  options: {
    channel: {
      ...CHANNEL_OPTION.channel,
      description: "the channel, by name (with or without #) or id; created when there is none",
    },
    messages: {
      type: "string",
      value: "N",
      required: true,
      description: `how many messages to write (1-${MAX_MESSAGES.toLocaleString("en")})`,
    },
    threads: {
      type: "string",
      value: "T",
      required: true,
      description: "how many threads they go into (1-N)",
    },
    authors: {
      type: "string",
      value: "K",
      description: `how many synthetic people write them (default ${DEFAULT_AUTHORS}, at most N)`,
    },
    seed: {
      type: "string",
      value: "S",
      description: "the random seed, 0-4294967295 (default: a random one, printed)",
    },
    force: {
      type: "boolean",
      description: "generate even when the workspace has other people",
    },
    ...WORKSPACE_OPTIONS,
  },
  async run({ values, io }) {
    const messages = wholeNumber("messages", values.messages, 1, MAX_MESSAGES);
    const threads = wholeNumber("threads", values.threads, 1, messages);
    const authorCount = wholeNumber(
      "authors",
      values.authors ?? String(Math.min(DEFAULT_AUTHORS, messages)),
      1,
      Math.min(MAX_AUTHORS, messages),
    );
    const seed =
      values.seed === undefined
        ? randomInt(2 ** 32)
        : wholeNumber("seed", values.seed, 0, 2 ** 32 - 1);
    const dataDir = resolveDataDir(values["data-dir"], io.env);
    refuseRunningServer(dataDir);
    return asAdmin(values, io.env, async ({ ctx, admin }) => {
      if (!values.force) refuseOtherPeople(ctx, admin);
      const { channel, created } = channelFor(ctx, admin, values.channel);
      const authors = await syntheticAuthors(ctx, admin, channel.id, authorCount);
      const store = new SqliteDocumentStore(ctx.db, { synchronous: "full" });
      const storage = new ChunkStorage(ctx, store, channel.id);
      const progress = new Progress(io.stderr, "generate", "messages", messages);
      const started = Date.now();
      let written = 0;
      try {
        const report = new ConversationGenerator({
          channelId: channel.id,
          authors: authors.authors.map((user) => ({
            actor: { kind: "human", id: user.id },
            handle: user.handle,
          })),
          messages,
          threads,
          seed,
          fromMs: started - SPAN_MS,
          toMs: started,
          chunkMessages: CHUNK_MESSAGES,
          newClientId: () => storage.newClientId(),
          write: (chunk) => {
            storage.write(chunk);
            written += chunk.messages.length;
            progress.update(written);
          },
        }).run();
        const ms = Date.now() - started;
        const handles = authors.authors.map((user) => `@${user.handle}`);
        return {
          data: {
            channel: { id: channel.id, name: channel.name, created },
            seed,
            authors: handles,
            authorsCreated: authors.created,
            ...report,
            ms,
          },
          text: keyValues([
            ["channel", `#${channel.name}${created ? " (created)" : ""}`],
            ["messages", `${report.messages} in ${report.threads} threads`],
            ["authors", `${handles.length} (${authors.created} new): ${handles.join(" ")}`],
            [
              "also",
              `${report.forks} forks, ${report.edits} edits, ${report.reactions} reactions, ${report.deleted} deleted`,
            ],
            ["stored", `${report.bytes} bytes in ${report.chunks} chunks, ${ms} ms`],
            ["seed", String(seed)],
          ]),
        };
      } finally {
        await store.close();
      }
    });
  },
});
