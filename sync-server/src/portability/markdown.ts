// The export as readable Markdown: per channel, its threads in order, each message with its
// author, time, reactions, pin and (agent replies) model and usage; a fork's messages follow the
// message it branched from, quoted. For reading and archiving; imports read the JSON.
import {
  type ExportedChannel,
  type ExportedMessage,
  type ExportFile,
  stampWallTime,
} from "@openvibe/schema";

function time(stamp: string): string {
  return `${new Date(stampWallTime(stamp) ?? 0).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** Text that cannot open a heading, list or quote when placed after a prefix. */
function inline(text: string): string {
  return text.replace(/[\r\n]+/g, " ").replace(/([*_`[\]#<>|\\])/g, "\\$1");
}

interface Context {
  names: Map<string, string>;
  channel: ExportedChannel;
}

function messageBlock(message: ExportedMessage, ctx: Context, quote: string): string[] {
  const { content } = ctx.channel;
  const author = inline(ctx.names.get(message.author.id) ?? message.author.id);
  const notes: string[] = [];
  if (message.editedAt !== null) notes.push("edited");
  if (content.pins.some((pin) => pin.messageId === message.id)) notes.push("📌 pinned");
  if (message.kind === "fork-summary") notes.push("fork summary");
  const head = `${quote}**${author}** · ${time(message.createdAt)}${notes.length > 0 ? ` · ${notes.join(" · ")}` : ""}`;
  const body =
    message.deletedAt === null
      ? message.body.split("\n").map((line) => `${quote}${line}`)
      : [`${quote}_(deleted)_`];
  const lines = [head, `${quote}`, ...body];
  const reactions = new Map<string, number>();
  for (const reaction of content.reactions) {
    if (reaction.messageId === message.id)
      reactions.set(reaction.emoji, (reactions.get(reaction.emoji) ?? 0) + 1);
  }
  if (reactions.size > 0) {
    lines.push(
      `${quote}`,
      `${quote}${[...reactions].map(([emoji, n]) => `${inline(emoji)} ${n}`).join("  ")}`,
    );
  }
  if (message.task !== null) {
    const { task } = message;
    const usage =
      task.usage === null
        ? ""
        : `, ${task.usage.inputTokens} tokens in / ${task.usage.outputTokens} out`;
    lines.push(
      `${quote}`,
      `${quote}_agent reply: ${task.status}${task.model === null ? "" : `, ${inline(task.model)}`}${usage}${task.error === null ? "" : `, error: ${inline(task.error)}`}_`,
    );
  }
  return [...lines, ""];
}

function channelSection(channel: ExportedChannel, names: Map<string, string>): string[] {
  const ctx: Context = { names, channel };
  const { content } = channel;
  const lines = [`## #${channel.name}`, ""];
  const facts = [channel.visibility, ...(channel.archived ? ["archived"] : [])];
  if (channel.topic !== "") facts.unshift(inline(channel.topic));
  lines.push(`_${facts.join(" · ")}_`, "");
  if (content.threads.length === 0) lines.push("_(no conversations)_", "");
  for (const thread of content.threads) {
    lines.push(
      `### ${inline(thread.title)}${thread.status === "active" ? "" : ` (${thread.status})`}`,
      "",
    );
    const main = content.messages.filter((m) => m.threadId === thread.id && m.forkId === null);
    for (const message of main) {
      lines.push(...messageBlock(message, ctx, ""));
      for (const fork of content.forks.filter((f) => f.parentMessageId === message.id)) {
        lines.push(`> **Fork: ${inline(fork.title)}** (${fork.status})`, ">");
        for (const reply of content.messages.filter((m) => m.forkId === fork.id)) {
          lines.push(...messageBlock(reply, ctx, "> ").slice(0, -1), ">");
        }
        if (fork.resolution !== null) {
          lines.push(`> _Resolution:_ ${inline(fork.resolution.text)}`);
        }
        lines.push("");
      }
    }
  }
  return lines;
}

export function renderMarkdown(file: ExportFile): string {
  const names = new Map(file.users.map((user) => [user.id, user.displayName]));
  const lines = [
    `# ${inline(file.workspace.name)}`,
    "",
    `_Exported ${file.exportedAt.slice(0, 16).replace("T", " ")} UTC from OpenVibe (export format version ${file.version})._`,
    "",
  ];
  for (const channel of file.channels) lines.push(...channelSection(channel, names));
  return `${lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}
