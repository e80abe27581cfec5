// Names of the documents of the split layout (docs/history-split.md): a channel document
// `channel:<channelId>` and one thread document per thread, `thread:<channelId>:<threadId>`.
// A thread document's name carries its channel, so the server resolves exactly one channel per
// name (for authentication and for closing every document of a channel at once); a thread id
// alone never grants anything. Parsing is strict and the exact inverse of building: a name is
// accepted only if building it again from its parts gives the same string.
import { CHANNEL_DOCUMENT_PREFIX, channelDocumentName, isChannelId } from "../document-name.ts";
import { ChannelError } from "../errors.ts";
import { isEntityId } from "../ids.ts";
import { hasUnsafeCharacters } from "../validation.ts";

export const THREAD_DOCUMENT_PREFIX = "thread:";
/** Between the channel id (which never contains it) and the thread id. */
const SEPARATOR = ":";

export type ParsedDocumentName =
  | { readonly kind: "channel"; readonly channelId: string }
  | { readonly kind: "thread"; readonly channelId: string; readonly threadId: string };

/**
 * A UTF-16 surrogate that is not part of a pair (in unicode mode a pair is one code point, so
 * only lone ones match). It does not survive the UTF-8 encoding of document names on the wire:
 * it arrives as U+FFFD, which names another document.
 */
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/**
 * Whether a thread id can be part of a document name: an entity id (1-128 characters, no `|`)
 * without control or bidirectional-override characters (the rule for names and titles) or lone
 * surrogates. Ids the operations make (ULIDs) always can.
 */
export function isNameableThreadId(threadId: string): boolean {
  return isEntityId(threadId) && !hasUnsafeCharacters(threadId) && !LONE_SURROGATE.test(threadId);
}

export function threadDocumentName(channelId: string, threadId: string): string {
  if (!isChannelId(channelId)) {
    throw new ChannelError("invalid_input", `invalid channel id ${JSON.stringify(channelId)}`, {
      entity: "channel",
      id: channelId,
    });
  }
  if (!isNameableThreadId(threadId)) {
    throw new ChannelError("invalid_input", `invalid thread id ${JSON.stringify(threadId)}`, {
      entity: "thread",
      id: threadId,
    });
  }
  return `${THREAD_DOCUMENT_PREFIX}${channelId}${SEPARATOR}${threadId}`;
}

/**
 * The names starting with `prefix`, as a range for an ordered lookup (`from <= name < to`): `to`
 * is the prefix with its last character raised by one.
 */
export function namePrefixRange(prefix: string): { from: string; to: string } {
  const last = prefix.charCodeAt(prefix.length - 1);
  return { from: prefix, to: prefix.slice(0, -1) + String.fromCharCode(last + 1) };
}

/**
 * The names of a channel's thread documents as a range; every thread document's when `channelId`
 * is absent. A channel id never holds `:`, so no other channel's names fall in it.
 */
export function threadDocumentNameRange(channelId?: string): { from: string; to: string } {
  return namePrefixRange(
    channelId === undefined
      ? THREAD_DOCUMENT_PREFIX
      : `${THREAD_DOCUMENT_PREFIX}${channelId}${SEPARATOR}`,
  );
}

function parseThreadDocumentName(rest: string): ParsedDocumentName | null {
  const separator = rest.indexOf(SEPARATOR);
  if (separator < 0) return null;
  const channelId = rest.slice(0, separator);
  const threadId = rest.slice(separator + SEPARATOR.length);
  if (!isChannelId(channelId) || !isNameableThreadId(threadId)) return null;
  return { kind: "thread", channelId, threadId };
}

/** Which document a name is, or null for any name that is not exactly one this module builds. */
export function parseDocumentName(documentName: string): ParsedDocumentName | null {
  if (documentName.startsWith(THREAD_DOCUMENT_PREFIX)) {
    return parseThreadDocumentName(documentName.slice(THREAD_DOCUMENT_PREFIX.length));
  }
  if (documentName.startsWith(CHANNEL_DOCUMENT_PREFIX)) {
    const channelId = documentName.slice(CHANNEL_DOCUMENT_PREFIX.length);
    return isChannelId(channelId) ? { kind: "channel", channelId } : null;
  }
  return null;
}

/** The name of a parsed document: `buildDocumentName(parseDocumentName(n)) === n`. */
export function buildDocumentName(parsed: ParsedDocumentName): string {
  return parsed.kind === "channel"
    ? channelDocumentName(parsed.channelId)
    : threadDocumentName(parsed.channelId, parsed.threadId);
}
