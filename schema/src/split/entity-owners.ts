// Which thread owns each entry of a one-document channel: the thread document it moves to when
// the channel is split. Read with the same key parsers and fields the records define; an entry
// whose thread cannot be told (a dangling reference, a malformed key) is left unplaced, as
// read models already leave it unseen.
import type * as Y from "yjs";
import { ROOT_NAMES, type RootName } from "../layout.ts";
import { isRecord, isYMap } from "../records/guards.ts";
import { parseReactionKey } from "../records/reaction.ts";
import { parseStopRequestKey } from "../records/stop-request.ts";
import { parseSummaryRequestKey } from "../records/summary-request.ts";
import { parseToolDecisionKey } from "../records/tool-decision.ts";

/** The owning thread of one entry, or undefined when it cannot be told. */
export type OwnerOf = (key: string, value: unknown) => string | undefined;

/** The roots that move into thread documents (pins included: a pin is about a message). */
export type ThreadOwnedRoot = Exclude<RootName, "meta" | "threads" | "threadIndex">;

/** The thread of a fork or message entry: its `threadId` field. */
function threadField(value: unknown): string | undefined {
  if (!isYMap(value)) return undefined;
  const threadId = value.get("threadId");
  return typeof threadId === "string" ? threadId : undefined;
}

function messageIdField(value: unknown): string | undefined {
  return isRecord(value) && typeof value.messageId === "string" ? value.messageId : undefined;
}

/** How to find each thread-owned entry's thread in `doc`. */
export function ownersIn(doc: Y.Doc): Readonly<Record<ThreadOwnedRoot, OwnerOf>> {
  const root = (name: RootName) => doc.getMap(name);
  const threadOfMessage = (messageId: string | undefined) =>
    messageId === undefined ? undefined : threadField(root(ROOT_NAMES.messages).get(messageId));
  const threadOfFork = (forkId: string) => threadField(root(ROOT_NAMES.forks).get(forkId));
  const threadOfStep = (stepId: string | undefined) =>
    stepId === undefined
      ? undefined
      : threadOfMessage(messageIdField(root(ROOT_NAMES.toolSteps).get(stepId)));
  return {
    forks: (_, value) => threadField(value),
    messages: (_, value) => threadField(value),
    reactions: (key) => threadOfMessage(parseReactionKey(key)?.messageId),
    pins: (key) => threadOfMessage(key),
    stopRequests: (key) => threadOfMessage(parseStopRequestKey(key)?.messageId),
    summaryRequests: (key) => {
      const request = parseSummaryRequestKey(key);
      if (request === undefined) return undefined;
      return request.kind === "thread" ? request.targetId : threadOfFork(request.targetId);
    },
    lateArrivals: (key) => threadOfMessage(key),
    toolSteps: (_, value) => threadOfMessage(messageIdField(value)),
    toolDecisions: (key) => threadOfStep(parseToolDecisionKey(key)?.stepId),
    messageVersions: (_, value) => threadOfMessage(messageIdField(value)),
  };
}
