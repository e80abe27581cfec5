// Who may write where, per kind of document (docs/history-split.md). Today's one-document
// channel keeps WRITE_RULES. In the split layout a channel document holds only its meta and the
// thread index (server-written: peers write nothing there), and a thread document only what its
// own thread owns: the same record rules,
// plus "this entry belongs to this document's thread", which only the document's name (parsed
// by the server, never read from content) can tell. A root absent from a table may not be
// written at all in that kind of document.
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
  | { readonly layout: "thread"; readonly threadId: string };

/** `rule`, refusing first what `misplaced` finds (a reason) in a write. */
function alsoRefusing(
  rule: RootWriteRule,
  misplaced: (...args: Parameters<RootWriteRule["check"]>) => string | undefined,
): RootWriteRule {
  return { ...rule, check: (...args) => misplaced(...args) ?? rule.check(...args) };
}

/**
 * A thread document: the same record rules as a channel document, for this thread only. No
 * creator check beyond the record's own: a thread id becomes visible to others only through its
 * digest (or the server's SQL rows and search, derived the same way), which the server writes only
 * once it holds the creator's thread document, whose entry then makes anyone else's a
 * replacement, which `threadWrites` refuses. The creator is always first.
 */
function threadDocumentRules(threadId: string): WriteRuleTable {
  const ofThisThread = (what: string) => (write: { after: unknown }) => {
    const after = fieldsOf(write.after);
    return after === undefined || after.threadId === threadId
      ? undefined
      : `writes a ${what} of another thread`;
  };
  const rules: Partial<Record<RootName, RootWriteRule>> = {};
  for (const root of THREAD_DOCUMENT_ROOTS) rules[root] = WRITE_RULES[root];
  rules[ROOT_NAMES.threads] = alsoRefusing(threadWrites, (write) =>
    write.key === threadId ? undefined : "writes another thread's entry",
  );
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
 * A split channel document: its meta and the thread index, both server-only. Peers write nothing
 * here (a thread is created in its own thread document); every other root is refused as one the
 * table lacks.
 */
const SPLIT_CHANNEL_RULES: WriteRuleTable = Object.fromEntries(
  CHANNEL_INDEX_ROOTS.map((root) => [root, WRITE_RULES[root]]),
);

/** The rules for one document, by the layout the server's own copy says it has. */
export function writeRulesFor(document: GuardedDocument): WriteRuleTable {
  if (document.layout === "thread") return threadDocumentRules(document.threadId);
  return document.layout === "split-channel" ? SPLIT_CHANNEL_RULES : WRITE_RULES;
}
