// ovb reindex: rebuilds the search index and the thread index from the stored documents.
import { asc } from "drizzle-orm";
import { channels } from "../../db/schema.ts";
import { type RebuildTarget, rebuildSearchIndex } from "../../search/rebuild.ts";
import { SearchIndex } from "../../search/search-index.ts";
import { SqliteDocumentStore } from "../../storage/sqlite-document-store.ts";
import { indexStoredThreads } from "../../threads/stored-thread-documents.ts";
import { ThreadIndexRows } from "../../threads/thread-index-rows.ts";
import { defineCommand } from "../command.ts";
import { requireChannel } from "../lookup.ts";
import { WORKSPACE_OPTIONS } from "../options.ts";
import { asAdmin } from "../workspace.ts";

export const reindexCommand = defineCommand({
  name: "reindex",
  summary: "Rebuild the search index and the thread index from the stored documents",
  synopsis: "[--channel NAME|ID]",
  details:
    "The search index is a projection of the channel and thread documents, kept current by the " +
    "server, and so is the thread index of split channels. This rebuilds both (every channel, " +
    "or one) from what is stored, one channel per transaction; safe while the server runs. " +
    "Progress goes to stderr.",
  options: {
    channel: {
      type: "string",
      value: "NAME|ID",
      description: "only this channel, by name (with or without #) or id (default: all)",
    },
    ...WORKSPACE_OPTIONS,
  },
  async run({ values, io }) {
    return asAdmin(values, io.env, async ({ ctx, admin }) => {
      const targets: RebuildTarget[] =
        values.channel === undefined
          ? ctx.db
              .select({ id: channels.id, name: channels.name })
              .from(channels)
              .orderBy(asc(channels.name))
              .all()
          : [requireChannel(ctx, admin, values.channel)];
      const store = new SqliteDocumentStore(ctx.db, { synchronous: "full" });
      try {
        const report = rebuildSearchIndex({
          index: new SearchIndex(ctx.db.$client),
          store,
          sqlite: ctx.db.$client,
          inWriteTransaction: (work) => ctx.db.$client.transaction(work).immediate(),
          channels: targets,
          dropOthers: values.channel === undefined,
          onProgress: ({ channel, position, of, messages }) =>
            io.stderr.write(`reindex: ${position}/${of} #${channel.name}: ${messages} messages\n`),
        });
        const threadRows = new ThreadIndexRows(ctx.db.$client);
        let threads = 0;
        for (const target of targets) {
          threads += await indexStoredThreads({
            rows: threadRows,
            store,
            documents: threadRows.storedDocuments(target.id),
          });
        }
        return {
          data: { ...report, threads },
          text: `Indexed ${report.messages} messages in ${report.channels} channels and ${threads} threads of split channels (${report.ms} ms).`,
        };
      } finally {
        await store.close();
      }
    });
  },
});
