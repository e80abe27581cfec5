// ovb export: the workspace, or one channel, as JSON (complete, for `ovb import`) or Markdown
// (for reading), from the stored channel documents, and with --files the bytes of its files;
// safe while the server runs.
import { writeFileSync } from "node:fs";
import type { ExportFile } from "@openvibe/schema";
import { type CopiedFiles, copyExportedFiles } from "../../portability/export-files.ts";
import { exportWorkspace } from "../../portability/export-workspace.ts";
import { renderMarkdown } from "../../portability/markdown.ts";
import { SqliteDocumentStore } from "../../storage/sqlite-document-store.ts";
import { withBlobStore } from "../blob-store.ts";
import { type CommandIO, defineCommand } from "../command.ts";
import { UsageError } from "../errors.ts";
import { requireChannel } from "../lookup.ts";
import { WORKSPACE_OPTIONS } from "../options.ts";
import { asAdmin, resolveDataDir } from "../workspace.ts";

const PROGRESS_EVERY_MS = 1000;

/** Copies the export's files into `dir` from the server's blob store, with progress on stderr. */
function copyFiles(dataDir: string, io: CommandIO, file: ExportFile, dir: string) {
  return withBlobStore(dataDir, io.env, (store) => {
    let shownMs = 0;
    return copyExportedFiles(store, file, dir, ({ done, of, bytes }) => {
      const now = Date.now();
      if (done < of && now - shownMs < PROGRESS_EVERY_MS) return;
      shownMs = now;
      io.stderr.write(`export: files ${done}/${of}, ${bytes.toLocaleString("en")} bytes copied\n`);
    });
  });
}

function describeCopiedFiles(copied: CopiedFiles & { dir: string }): string {
  const lines = [`Copied ${copied.files} files (${copied.bytes} bytes) to ${copied.dir}.`];
  if (copied.missing.length > 0) {
    lines.push(
      `${copied.missing.length} files named by messages are not in the blob store (they stay unavailable):`,
      ...copied.missing.map((m) => `  ${m.sha256}  ${m.name}`),
    );
  }
  return lines.join("\n");
}

const FORMATS = ["json", "markdown"] as const;

export const exportCommand = defineCommand({
  name: "export",
  summary: "Export the workspace, or one channel, as JSON or Markdown",
  synopsis: "[--channel NAME|ID] [--format json|markdown] [--out FILE] [--files DIR]",
  details:
    "JSON holds everything `ovb import` needs: people and agents, channels and members, " +
    "threads, forks, messages with authors and times, edits, deletions, reactions, pins and " +
    "agent replies with model and usage (the format: docs/export-format.md). Markdown is the " +
    "same conversations to read. Reads what the server stored; safe while it runs. Progress " +
    "goes to stderr. Files are named in the JSON, not carried: --files DIR also copies the " +
    "bytes of every file its messages name from the blob store the server's configuration " +
    "names (run it with the server's environment) into DIR, one file per SHA-256, for " +
    "`ovb import FILE --files DIR`; files the store does not have are listed.",
  options: {
    channel: {
      type: "string",
      value: "NAME|ID",
      description: "only this channel, by name (with or without #) or id (default: all)",
    },
    format: { type: "string", value: "json|markdown", description: "default: json" },
    out: { type: "string", value: "FILE", description: "write here (default: stdout)" },
    files: {
      type: "string",
      value: "DIR",
      description: "also copy the files' bytes into this directory as DIR/<sha256> (JSON only)",
    },
    ...WORKSPACE_OPTIONS,
  },
  async run({ values, io }) {
    const format = values.format ?? "json";
    if (!FORMATS.some((f) => f === format)) {
      throw new UsageError(`--format: ${format} is not json or markdown`);
    }
    const filesDir = values.files;
    if (filesDir !== undefined && format !== "json") {
      throw new UsageError("--files goes with --format json (Markdown is not imported)");
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
        const copied =
          filesDir === undefined
            ? undefined
            : {
                dir: filesDir,
                ...(await copyFiles(
                  resolveDataDir(values["data-dir"], io.env),
                  io,
                  file,
                  filesDir,
                )),
              };
        const filesText = copied === undefined ? undefined : describeCopiedFiles(copied);
        const summary = {
          channels: file.channels.length,
          users: file.users.length,
          messages: file.channels.reduce((n, c) => n + c.content.messages.length, 0),
          format,
          out: values.out ?? null,
          bytes: Buffer.byteLength(text),
          ...(copied === undefined ? {} : { files: copied }),
        };
        if (values.out === undefined) {
          // The export itself is the output; --json changes nothing about it.
          if (filesText !== undefined) io.stderr.write(`${filesText}\n`);
          return { data: file, text: text.trimEnd() };
        }
        writeFileSync(values.out, text);
        return {
          data: summary,
          text:
            `Exported ${summary.channels} channels, ${summary.users} people and agents, ${summary.messages} messages to ${values.out} (${summary.bytes} bytes, ${format}).` +
            (filesText === undefined ? "" : `\n${filesText}`),
        };
      } finally {
        await store.close();
      }
    });
  },
});
