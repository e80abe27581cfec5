// Who may write where, per kind of document (docs/history-split.md). Today's one-document
// channel keeps WRITE_RULES. In the split layout a channel document holds only its meta and the
// thread index, and a thread document only what its own thread owns: the same record rules,
// plus "this entry belongs to this document's thread", which only the document's name (parsed
// by the server, never read from content) can tell. A root absent from a table may not be
// written at all in that kind of document.
import { type Actor, isActor, sameActor } from "../actors.ts";
import { ROOT_NAMES, type RootName } from "../layout.ts";
import { forkWrites } from "../records/fork.ts";
import { messageWrites } from "../records/message.ts";
import { parseSummaryRequestKey, summaryRequestWrites } from "../records/summary-request.ts";
import { threadWrites } from "../records/thread.ts";
import {
  CHANNEL_INDEX_ROOTS,
  type DocumentLayout,
  THREAD_DOCUMENT_ROOTS,
} from "../split/document-layout.ts";
import { fieldsOf, type RootWriteRule } from "./entry-write.ts";
import { WRITE_RULES } from "./table.ts";

export type WriteRuleTable = Readonly<Partial<Record<RootName, RootWriteRule>>>;

export type GuardedDocument =
  | { readonly layout: Exclude<DocumentLayout, "thread"> }
  | {
      readonly layout: "thread";
      readonly threadId: string;
      /**
       * Who the server's channel document lists as the thread's creator (its person-written
       * entry or digest), when the server knows: a new thread entry is then accepted from them
       * only. The server reads it from its own copy of the channel document, never from content
       * the peer sends.
       */
      readonly listedCreator?: Actor;
    };

/** `rule`, refusing first what `misplaced` finds (a reason) in a write. */
function alsoRefusing(
  rule: RootWriteRule,
  misplaced: (...args: Parameters<RootWriteRule["check"]>) => string | undefined,
): RootWriteRule {
  return { ...rule, check: (...args) => misplaced(...args) ?? rule.check(...args) };
}

/**
 * A new entry that names another creator than the one `listedCreator` says (the channel lists a
 * thread by its id before its thread document reached the server: someone who read the id there
 * must not create the thread document's entry first, which would get the creator's own refused
 * as a replacement).
 */
function createdByOther(write: { before: unknown; after: unknown }, listedCreator?: Actor) {
  if (write.before !== undefined || listedCreator === undefined) return false;
  const createdBy = fieldsOf(write.after)?.createdBy;
  return !(isActor(createdBy) && sameActor(createdBy, listedCreator));
}

function threadDocumentRules(threadId: string, listedCreator?: Actor): WriteRuleTable {
  const ofThisThread = (what: string) => (write: { after: unknown }) => {
    const after = fieldsOf(write.after);
    return after === undefined || after.threadId === threadId
      ? undefined
      : `writes a ${what} of another thread`;
  };
  const rules: Partial<Record<RootName, RootWriteRule>> = {};
  for (const root of THREAD_DOCUMENT_ROOTS) rules[root] = WRITE_RULES[root];
  rules[ROOT_NAMES.threads] = alsoRefusing(threadWrites, (write) => {
    if (write.key !== threadId) return "writes another thread's entry";
    return createdByOther(write, listedCreator)
      ? "creates a thread someone else created"
      : undefined;
  });
  rules[ROOT_NAMES.forks] = alsoRefusing(forkWrites, ofThisThread("fork"));
  rules[ROOT_NAMES.messages] = alsoRefusing(messageWrites, ofThisThread("message"));
  rules[ROOT_NAMES.summaryRequests] = alsoRefusing(summaryRequestWrites, (write, _, lookup) => {
    const request = parseSummaryRequestKey(write.key);
    if (request === undefined || write.after === undefined) return undefined;
    const thread =
      request.kind === "thread"
        ? request.targetId
        : fieldsOf(lookup.after(ROOT_NAMES.forks, request.targetId))?.threadId;
    return thread === threadId ? undefined : "asks for a summary in another thread";
  });
  return rules;
}

/**
 * A split channel document: its index roots, and a new person-written entry only from the creator
 * the thread's digest names, when there is one. A digest is the server's mirror of the thread
 * document's own entry, and it is what shows others a thread's id: without this, someone who read
 * the id there could list the thread under their own name before the creator's entry arrived,
 * and the creator's update (thread document's entry and all) would then be refused as a
 * replacement. The creator's own late entry is accepted (and removed by the server's repair).
 */
const SPLIT_CHANNEL_RULES: WriteRuleTable = {
  ...Object.fromEntries(CHANNEL_INDEX_ROOTS.map((root) => [root, WRITE_RULES[root]])),
  [ROOT_NAMES.threads]: alsoRefusing(threadWrites, (write, _, lookup) => {
    const digested = fieldsOf(lookup.after(ROOT_NAMES.threadDigests, write.key))?.createdBy;
    return isActor(digested) && createdByOther(write, digested)
      ? "lists a thread someone else created"
      : undefined;
  }),
};

/** The rules for one document, by the layout the server's own copy says it has. */
export function writeRulesFor(document: GuardedDocument): WriteRuleTable {
  if (document.layout === "thread") {
    return threadDocumentRules(document.threadId, document.listedCreator);
  }
  return document.layout === "split-channel" ? SPLIT_CHANNEL_RULES : WRITE_RULES;
}
