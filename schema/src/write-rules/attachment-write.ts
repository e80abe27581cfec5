// Who may write a message's `attachments` list (the message's rule asks this one). Only the
// message's author attaches, and only when posting it: the list is part of the new entry. Later
// the author may only take files off (cancelling an upload still waiting in their outbox), and a
// tombstone (the author's or a moderator's) takes them all off. No one adds a file to a posted
// message or rewrites one already there, so a record the server has linked to an upload never
// changes under it.
import { type Attachment, isAttachmentList } from "../records/attachment.ts";
import type { EntryFields } from "./entry-write.ts";

function sameRecord(a: Attachment, b: Attachment): boolean {
  return (
    a.id === b.id &&
    a.name === b.name &&
    a.type === b.type &&
    a.size === b.size &&
    a.sha256 === b.sha256 &&
    a.width === b.width &&
    a.height === b.height
  );
}

/** The new entry's list: absent, or well formed. */
export function newAttachmentsProblem(after: EntryFields): string | undefined {
  if (after.attachments === undefined || isAttachmentList(after.attachments)) return undefined;
  return "attaches malformed files";
}

/** A change to a posted message's list: only records taken off, the rest unchanged. */
export function attachmentChangeProblem(
  before: EntryFields,
  after: EntryFields,
): string | undefined {
  if (after.attachments === undefined) return undefined;
  if (!isAttachmentList(after.attachments)) return "attaches malformed files";
  const earlier = isAttachmentList(before.attachments) ? before.attachments : [];
  for (const attachment of after.attachments) {
    const kept = earlier.find((candidate) => candidate.id === attachment.id);
    if (kept === undefined || !sameRecord(kept, attachment)) {
      return "attaches files to a message already posted";
    }
  }
  return undefined;
}
