// `ovb import FILE`: an OpenVibe export (JSON) into a data directory that is not set up yet. The
// export brings its workspace: accounts, channels, members and conversations keep their ids, so
// a second export of the new workspace equals the first. People come without passwords (exports
// never hold them): they sign in after `ovb reset-password` or an invite that claims their
// account (`ovb invite-placeholders`).
import { randomBytes } from "node:crypto";
import {
  channelContentProblems,
  EXPORT_FORMAT,
  type ExportFile,
  exportFile,
  exportHeader,
  SUPPORTED_EXPORT_VERSIONS,
  workspaceSettings,
} from "@openvibe/schema";
import type { z } from "zod";
import { importedItemRow } from "../context-items/portability.ts";
import type { ImportPlan } from "./apply-import.ts";
import { ImportError } from "./import-error.ts";

const MAX_LISTED = 5;

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const listed = issues
    .slice(0, MAX_LISTED)
    .map(
      (issue) => `${issue.path.length === 0 ? "(top)" : issue.path.join(".")}: ${issue.message}`,
    );
  const more = issues.length > MAX_LISTED ? ` (and ${issues.length - MAX_LISTED} more)` : "";
  return `${listed.join("; ")}${more}`;
}

/** Reads an export file's text: JSON, an OpenVibe export, a version this code knows, well formed. */
export function parseExportFile(text: string): ExportFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ImportError(
      `not valid JSON (${error instanceof Error ? error.message : String(error)}); is the file complete?`,
    );
  }
  const header = exportHeader.safeParse(json);
  if (!header.success) {
    throw new ImportError(
      `not an OpenVibe export: it needs "format": "${EXPORT_FORMAT}" and a numeric "version"`,
    );
  }
  if (!SUPPORTED_EXPORT_VERSIONS.includes(header.data.version)) {
    throw new ImportError(
      `export format version ${header.data.version} is not supported; this OpenVibe reads version ${SUPPORTED_EXPORT_VERSIONS.join(", ")} (a newer OpenVibe wrote it?)`,
    );
  }
  const parsed = exportFile.safeParse(json);
  if (!parsed.success)
    throw new ImportError(`malformed export: ${describeIssues(parsed.error.issues)}`);
  const problems = referenceProblems(parsed.data);
  if (problems.length > 0) {
    const more = problems.length > MAX_LISTED ? ` (and ${problems.length - MAX_LISTED} more)` : "";
    throw new ImportError(
      `inconsistent export: ${problems.slice(0, MAX_LISTED).join("; ")}${more}`,
    );
  }
  return parsed.data;
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    if (seen.has(value)) return true;
    seen.add(value);
    return false;
  });
}

/** Every id the channels refer to names a user of the file; ids, handles, emails and names are unique. */
function referenceProblems(file: ExportFile): string[] {
  const problems: string[] = [];
  const kinds = new Map(file.users.map((user) => [user.id, user.kind]));
  for (const id of duplicates(file.users.map((u) => u.id))) problems.push(`user ${id} twice`);
  for (const handle of duplicates(file.users.map((u) => u.handle)))
    problems.push(`handle @${handle} twice`);
  for (const email of duplicates(file.users.flatMap((u) => (u.email === null ? [] : [u.email]))))
    problems.push(`email ${email} twice`);
  for (const id of duplicates(file.channels.map((c) => c.id))) problems.push(`channel ${id} twice`);
  for (const name of duplicates(file.channels.map((c) => c.name)))
    problems.push(`channel name #${name} twice`);
  for (const user of file.users) {
    if (
      user.kind === "human" &&
      user.email === null &&
      user.status === "active" &&
      user.role === "admin"
    )
      problems.push(`admin ${user.id} has no email`);
    if (user.kind === "agent" && user.role === "admin")
      problems.push(`agent ${user.id} is an admin`);
  }
  if (!file.users.some((u) => u.kind === "human" && u.role === "admin" && u.status === "active"))
    problems.push("no active admin among the users (an admin signs in after the import)");
  const actor = (where: string, a: { kind: string; id: string }) => {
    if (kinds.get(a.id) !== a.kind)
      problems.push(`${where}: ${a.kind} ${a.id} is not a user of the export`);
  };
  for (const channel of file.channels) {
    const at = `#${channel.name}`;
    if (!kinds.has(channel.createdBy))
      problems.push(`${at}: creator ${channel.createdBy} is not a user`);
    for (const id of duplicates(channel.members.map((m) => m.userId)))
      problems.push(`${at}: member ${id} twice`);
    for (const member of channel.members)
      if (!kinds.has(member.userId)) problems.push(`${at}: member ${member.userId} is not a user`);
    const { content } = channel;
    for (const t of content.threads) actor(`${at} thread ${t.id}`, t.createdBy);
    for (const f of content.forks) {
      actor(`${at} fork ${f.id}`, f.createdBy);
      if (f.resolution !== null) actor(`${at} fork ${f.id}`, f.resolution.resolvedBy);
      if (f.closedBy !== null) actor(`${at} fork ${f.id}`, f.closedBy);
    }
    for (const m of content.messages) {
      actor(`${at} message ${m.id}`, m.author);
      if (m.deletedBy !== null) actor(`${at} message ${m.id}`, m.deletedBy);
      if (m.task !== null && m.author.kind !== "agent")
        problems.push(`${at} message ${m.id}: an agent reply by a ${m.author.kind}`);
    }
    for (const r of content.reactions)
      if (!kinds.has(r.actorId)) problems.push(`${at} reaction by ${r.actorId}: not a user`);
    for (const p of content.pins) actor(`${at} pin of ${p.messageId}`, p.by);
    for (const step of content.toolSteps) actor(`${at} tool step ${step.id}`, step.agent);
    for (const item of channel.contextItems)
      if (!kinds.has(item.authorId)) problems.push(`${at} item ${item.id}: author not a user`);
    for (const problem of channelContentProblems(content)) problems.push(`${at}: ${problem}`);
  }
  for (const item of file.contextItems)
    if (!kinds.has(item.authorId)) problems.push(`item ${item.id}: author not a user`);
  const itemIds = [...file.contextItems, ...file.channels.flatMap((c) => c.contextItems)];
  for (const id of duplicates(itemIds.map((item) => item.id))) problems.push(`item ${id} twice`);
  return problems;
}

const ms = (iso: string) => Date.parse(iso);

/** The rows a checked export becomes: its workspace, people as placeholders, channels as they were. */
export function planJsonImport(file: ExportFile, now: number): ImportPlan {
  return {
    workspace: {
      id: 1,
      name: file.workspace.name,
      settings: workspaceSettings.parse({}),
      secret: randomBytes(32),
      createdAt: now,
    },
    users: file.users.map((user) => ({
      id: user.id,
      kind: user.kind,
      email: user.email,
      handle: user.handle,
      displayName: user.displayName,
      avatarColor: user.avatarColor,
      passwordHash: null,
      role: user.role,
      status: user.status,
      createdAt: ms(user.createdAt),
      deactivatedAt: user.status === "deactivated" ? now : null,
    })),
    channels: file.channels.map((channel) => ({
      row: {
        id: channel.id,
        name: channel.name,
        topic: channel.topic,
        visibility: channel.visibility,
        createdBy: channel.createdBy,
        createdAt: ms(channel.createdAt),
        archivedAt: channel.archived ? now : null,
      },
      existing: false,
      members: channel.members.map((member) => ({
        channelId: channel.id,
        userId: member.userId,
        addedBy: null,
        joinedAt: ms(member.joinedAt),
      })),
      content: channel.content,
    })),
    contextItems: [
      ...file.contextItems.map((item) => importedItemRow(item, null)),
      ...file.channels.flatMap((channel) =>
        channel.contextItems.map((item) => importedItemRow(item, channel.id)),
      ),
    ],
    audit: {
      actorId: null,
      action: "workspace.imported",
      details: {
        from: "openvibe-export",
        exportedAt: file.exportedAt,
        users: file.users.length,
        channels: file.channels.length,
      },
    },
  };
}
