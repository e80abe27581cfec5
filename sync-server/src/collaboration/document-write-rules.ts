// Which write rules the guard applies to a document (docs/history-split.md, "The write guard per
// document kind"): the kind comes from the document's name and, for a channel document, from the
// layout its meta says in the server's own copy (meta is server-written); a thread document's
// thread id comes from its name, never from content. A thread document the server has not set up
// yet has no meta: its name alone makes it a thread document.
import {
  type GuardedDocument,
  parseDocumentName,
  readDocumentLayout,
  readThreadDocumentThreadId,
  type WriteRuleTable,
  writeRulesFor,
} from "@openvibe/schema";
import type * as Y from "yjs";

/**
 * The kind of document a peer writes into, or null when its name does not parse or the server's
 * copy holds another kind than its name says (a channel name over thread content, a thread
 * document set up for another thread): no peer may write into such a document.
 */
export function guardedDocument(documentName: string, document: Y.Doc): GuardedDocument | null {
  const parsed = parseDocumentName(documentName);
  if (parsed === null) return null;
  const layout = readDocumentLayout(document);
  if (parsed.kind === "channel") return layout === "thread" ? null : { layout };
  if (layout === "split-channel") return null;
  const setUpFor = readThreadDocumentThreadId(document);
  if (setUpFor !== undefined && setUpFor !== parsed.threadId) return null;
  return { layout: "thread", threadId: parsed.threadId };
}

/** The rule table for a peer's writes into `document`, or null when none may be written. */
export function writeRulesForDocument(
  documentName: string,
  document: Y.Doc,
): WriteRuleTable | null {
  const guarded = guardedDocument(documentName, document);
  return guarded === null ? null : writeRulesFor(guarded);
}
