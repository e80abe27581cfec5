// An audit entry as a sentence with names: "Ada made Bob an admin", "Ada added Bob to #design".
// Names come from what this browser knows (people, channels); an unknown id reads as "someone
// (id)". An action this code does not know yet still reads as a sentence, with its code.
import type { AuditEntryView } from "@openvibe/schema";

export interface AuditNames {
  /** A person's or agent's display name; undefined when unknown here. */
  person(id: string): string | undefined;
  /** A channel's name without '#'; undefined when unknown here. */
  channel(id: string): string | undefined;
}

type Details = Record<string, unknown>;

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function personName(names: AuditNames, id: string | null | undefined): string {
  if (id === null || id === undefined) return "someone";
  return names.person(id) ?? `someone (${id})`;
}

function channelName(names: AuditNames, id: string | null, details: Details): string {
  const name = (id === null ? undefined : names.channel(id)) ?? text(details.name);
  return name === undefined ? `a channel (${id ?? "?"})` : `#${name}`;
}

function changedFields(details: Details): string {
  const change = details.change;
  const keys = change !== null && typeof change === "object" ? Object.keys(change) : [];
  return keys.length === 0 ? "" : ` (${keys.join(", ")})`;
}

type Describe = (
  actor: string,
  entry: AuditEntryView,
  names: AuditNames,
  details: Details,
) => string;

const target = (entry: AuditEntryView, names: AuditNames) => personName(names, entry.targetId);

const SENTENCES: Record<string, Describe> = {
  "workspace.set_up": (actor) => `${actor} set up the workspace`,
  "workspace.settings_changed": (actor, _e, _n, d) =>
    `${actor} changed the workspace settings${changedFields(d)}`,
  "workspace.imported": (actor, _e, _n, d) =>
    `${actor} imported the workspace${text(d.from) === undefined ? "" : ` from ${text(d.from)}`}`,
  "user.created": (actor, e, n) => `${actor} created the account of ${target(e, n)}`,
  "user.role_changed": (actor, e, n, d) =>
    `${actor} made ${target(e, n)} ${text(d.to) === "admin" ? "an admin" : `a ${text(d.to) ?? "?"}`}${
      text(d.from) === undefined ? "" : ` (was ${text(d.from)})`
    }`,
  "user.deactivated": (actor, e, n) => `${actor} deactivated ${target(e, n)}`,
  "user.reactivated": (actor, e, n) => `${actor} reactivated ${target(e, n)}`,
  "user.password_changed": (actor) => `${actor} changed their password`,
  "user.password_reset": (actor, e, n) => `${actor} reset the password of ${target(e, n)}`,
  "session.ended_everywhere": (actor) => `${actor} signed out on every device`,
  "invite.created": (actor, _e, _n, d) =>
    `${actor} created an invite link for a ${text(d.role) ?? "member"}`,
  "invite.revoked": (actor) => `${actor} revoked an invite link`,
  "invite.accepted": (actor, _e, _n, d) =>
    `${actor} joined with an invite link as ${text(d.role) === "admin" ? "an admin" : `a ${text(d.role) ?? "member"}`}`,
  "channel.created": (actor, e, n, d) =>
    `${actor} created ${text(d.visibility) === "private" ? "the private channel" : "the channel"} ${channelName(n, e.targetId, d)}`,
  "channel.updated": (actor, e, n, d) =>
    `${actor} changed ${channelName(n, e.targetId, d)}${changedFields({ change: d })}`,
  "channel.archived": (actor, e, n, d) => `${actor} archived ${channelName(n, e.targetId, d)}`,
  "channel.unarchived": (actor, e, n, d) => `${actor} unarchived ${channelName(n, e.targetId, d)}`,
  "channel.member_added": (actor, e, n, d) =>
    `${actor} added ${personName(n, text(d.userId))} to ${channelName(n, e.targetId, d)}`,
  "channel.member_removed": (actor, e, n, d) =>
    `${actor} removed ${personName(n, text(d.userId))} from ${channelName(n, e.targetId, d)}`,
  "agent.created": (actor, e, n) => `${actor} created the agent ${target(e, n)}`,
  "agent.configured": (actor, e, n, d) => `${actor} configured ${target(e, n)}${changedFields(d)}`,
  "model_price.set": (actor, _e, _n, d) =>
    `${actor} set the price of ${text(d.model) ?? "a model"} (${text(d.provider) ?? "?"})`,
  "model_price.removed": (actor, _e, _n, d) =>
    `${actor} removed the price of ${text(d.model) ?? "a model"} (${text(d.provider) ?? "?"})`,
  "api_key.created": (actor, _e, n, d) =>
    `${actor} created the API key "${text(d.name) ?? "?"}" for ${personName(n, text(d.owner))}`,
  "api_key.revoked": (actor) => `${actor} revoked an API key`,
  "document.write_refused": (actor, e, n, d) =>
    `The server refused a write by ${actor} in ${channelName(n, e.targetId, d)}${
      text(d.why) === undefined ? "" : `: ${text(d.why)}`
    }`,
};

export function auditSentence(entry: AuditEntryView, names: AuditNames): string {
  const actor = entry.actorId === null ? "The server" : personName(names, entry.actorId);
  const details = entry.details ?? {};
  const describe = SENTENCES[entry.action];
  if (describe !== undefined) return describe(actor, entry, names, details);
  const on = entry.targetId === null ? "" : ` on ${entry.targetType} ${entry.targetId}`;
  return `${actor} did ${entry.action}${on}`;
}
