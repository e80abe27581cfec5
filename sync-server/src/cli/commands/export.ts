// ovb export: the workspace, or one channel, as JSON (complete, for `ovb import`) or Markdown
// (for reading), from the stored channel documents; safe while the server runs.
import { writeFileSync } from "node:fs";
import { exportWorkspace } from "../../portability/export-workspace.ts";
import { renderMarkdown } from "../../portability/markdown.ts";
import { SqliteDocumentStore } from "../../storage/sqlite-document-store.ts";
import { defineCommand } from "../command.ts";
import { UsageError } from "../errors.ts";
import { requireChannel } from "../lookup.ts";
import { WORKSPACE_OPTIONS } from "../options.ts";
import { asAdmin } from "../workspace.ts";

const FORMATS = ["json", "markdown"] as const;

export const exportCommand = defineCommand({
  name: "export",
  summary: "Export the workspace, or one channel, as JSON or Markdown",
  synopsis: "[--channel NAME|ID] [--format json|markdown] [--out FILE]",
  details:
    "JSON holds everything `ovb import` needs: people and agents, channels and members, " +
    "threads, forks, messages with authors and times, edits, deletions, reactions, pins and " +
    "agent replies with model and usage (the format: docs/export-format.md). Markdown is the " +
    "same conversations to read. Reads what the server stored; safe while it runs. Progress " +
    "goes to stderr.",
  options: {
    channel: {
      type: "string",
      value: "NAME|ID",
      description: "only this channel, by name (with or without #) or id (default: all)",
    },
    format: { type: "string", value: "json|markdown", description: "default: json" },
    out: { type: "string", value: "FILE", description: "write here (default: stdout)" },
    ...WORKSPACE_OPTIONS,
  },
  async run({ values, io }) {
    const format = values.format ?? "json";
    if (!FORMATS.some((f) => f === format)) {
      throw new UsageError(`--format: ${format} is not json or markdown`);
    }
    return asAdmin(values, io.env, async ({ ctx, admin }) => {
      const channelId =
        values.channel === undefined ? undefined : requireChannel(ctx, admin, values.channel).id;
      const store = new SqliteDocumentStore(ctx.db, { synchronous: "full" });
      try {
        const file = exportWorkspace(ctx, store, {
          ...(channelId === undefined ? {} : { channelId }),
          onProgress: ({ position, of, name, messages }) =>
            io.stderr.write(`export: ${position}/${of} #${name}: ${messages} messages\n`),
        });
        const text =
          format === "json" ? `${JSON.stringify(file, null, 2)}\n` : renderMarkdown(file);
        const summary = {
          channels: file.channels.length,
          users: file.users.length,
          messages: file.channels.reduce((n, c) => n + c.content.messages.length, 0),
          format,
          out: values.out ?? null,
          bytes: Buffer.byteLength(text),
        };
        if (values.out === undefined) {
          // The export itself is the output; --json changes nothing about it.
          return { data: file, text: text.trimEnd() };
        }
        writeFileSync(values.out, text);
        return {
          data: summary,
          text: `Exported ${summary.channels} channels, ${summary.users} people and agents, ${summary.messages} messages to ${values.out} (${summary.bytes} bytes, ${format}).`,
        };
      } finally {
        await store.close();
      }
    });
  },
});
