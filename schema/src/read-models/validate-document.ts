import type * as Y from "yjs";
import { compareCodeUnits } from "../clock.ts";
import { isChannelId } from "../document-name.ts";
import {
  forksMap,
  lateArrivalsMap,
  META_KEYS,
  messagesMap,
  messageVersionsMap,
  metaMap,
  pinsMap,
  ROOT_NAMES,
  reactionsMap,
  summaryRequestsMap,
  threadsMap,
  toolDecisionsMap,
  toolStepsMap,
} from "../layout.ts";
import { readSchemaVersion } from "../migrations/version.ts";
import type { Decoder, DocumentProblem } from "../records/decode.ts";
import { decodeFork } from "../records/fork.ts";
import { decodeMessage } from "../records/message.ts";
import { isMessageVersionRecord } from "../records/message-version.ts";
import { isPinRecord } from "../records/pin.ts";
import { isReactionValue, parseReactionKey } from "../records/reaction.ts";
import { decodeThread } from "../records/thread.ts";
import { isToolDecisionValue } from "../records/tool-decision.ts";
import { isToolStepRecord } from "../records/tool-step.ts";
import { isLateArrivalValue } from "./late-arrivals.ts";
import { toSummaryRequest } from "./summary-requests.ts";

function entryProblems<T>(map: Y.Map<unknown>, decode: Decoder<T>): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  map.forEach((entry, key) => {
    const decoded = decode(key, entry);
    if (!decoded.ok) problems.push(...decoded.problems);
  });
  return problems;
}

function metaProblems(doc: Y.Doc): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  if (readSchemaVersion(doc) === 0) {
    problems.push({
      path: "meta/schemaVersion",
      code: "invalid_meta",
      message: "no schemaVersion",
    });
  }
  const channelId = metaMap(doc).get(META_KEYS.channelId);
  if (typeof channelId !== "string" || !isChannelId(channelId)) {
    problems.push({ path: "meta/channelId", code: "invalid_meta", message: "no channelId" });
  }
  return problems;
}

function unknownReference(path: string, what: string, id: string): DocumentProblem {
  return {
    path,
    code: "unknown_reference",
    message: `${what} ${JSON.stringify(id)} does not exist`,
  };
}

/**
 * References between entities. A reference may dangle for a while on a replica that has part
 * of the updates; on a fully synced document it points at a bug or a hostile peer.
 */
function referenceProblems(doc: Y.Doc): DocumentProblem[] {
  const threads = threadsMap(doc);
  const forks = forksMap(doc);
  const messages = messagesMap(doc);
  const problems: DocumentProblem[] = [];
  forks.forEach((entry, key) => {
    const fork = decodeFork(key, entry);
    if (!fork.ok) return;
    const path = `forks/${key}`;
    if (!threads.has(fork.value.threadId)) {
      problems.push(unknownReference(`${path}/threadId`, "thread", fork.value.threadId));
    }
    if (!messages.has(fork.value.parentMessageId)) {
      problems.push(
        unknownReference(`${path}/parentMessageId`, "message", fork.value.parentMessageId),
      );
    }
  });
  messages.forEach((entry, key) => {
    const message = decodeMessage(key, entry);
    if (!message.ok) return;
    const { threadId, forkId, summaryOfForkId } = message.value;
    const path = `messages/${key}`;
    if (!threads.has(threadId))
      problems.push(unknownReference(`${path}/threadId`, "thread", threadId));
    if (forkId !== null && !forks.has(forkId)) {
      problems.push(unknownReference(`${path}/forkId`, "fork", forkId));
    }
    if (summaryOfForkId !== undefined && !forks.has(summaryOfForkId)) {
      problems.push(unknownReference(`${path}/summaryOfForkId`, "fork", summaryOfForkId));
    }
  });
  return problems;
}

function reactionProblems(doc: Y.Doc): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  reactionsMap(doc).forEach((value, key) => {
    const path = `reactions/${key}`;
    if (parseReactionKey(key) === undefined) {
      problems.push({ path, code: "invalid_key", message: "expected messageId|emoji|actorId" });
    } else if (!isReactionValue(value)) {
      problems.push({ path, code: "invalid_value", message: "expected a number (ms)" });
    }
  });
  return problems;
}

/** An entry of `map` (root `root`) whose value `isValid` refuses, as a problem. */
function valueProblems(
  map: Y.Map<unknown>,
  root: string,
  isValid: (value: unknown) => boolean,
  expected: string,
): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  map.forEach((value, key) => {
    if (!isValid(value)) {
      problems.push({ path: `${root}/${key}`, code: "invalid_value", message: expected });
    }
  });
  return problems;
}

function summaryRequestProblems(doc: Y.Doc): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  summaryRequestsMap(doc).forEach((value, key) => {
    if (toSummaryRequest(key, value) === undefined) {
      problems.push({
        path: `summaryRequests/${key}`,
        code: "invalid_key",
        message: "expected (fork|thread)|targetId|actorId with a number (ms)",
      });
    }
  });
  return problems;
}

/**
 * Everything wrong with a channel document received from elsewhere, sorted by path. An empty
 * list means every entry is well-formed and every reference resolves.
 */
export function validateChannelDocument(doc: Y.Doc): DocumentProblem[] {
  return [
    ...metaProblems(doc),
    ...entryProblems(threadsMap(doc), decodeThread),
    ...entryProblems(forksMap(doc), decodeFork),
    ...entryProblems(messagesMap(doc), decodeMessage),
    ...referenceProblems(doc),
    ...reactionProblems(doc),
    ...valueProblems(pinsMap(doc), ROOT_NAMES.pins, isPinRecord, "expected {by, at}"),
    ...valueProblems(
      lateArrivalsMap(doc),
      ROOT_NAMES.lateArrivals,
      isLateArrivalValue,
      "expected a number (ms)",
    ),
    ...summaryRequestProblems(doc),
    ...valueProblems(
      toolStepsMap(doc),
      ROOT_NAMES.toolSteps,
      isToolStepRecord,
      "expected a tool step {messageId, taskId, agent, index, tool, input, status, ...}",
    ),
    ...valueProblems(
      toolDecisionsMap(doc),
      ROOT_NAMES.toolDecisions,
      isToolDecisionValue,
      "expected {decision, at}",
    ),
    ...valueProblems(
      messageVersionsMap(doc),
      ROOT_NAMES.messageVersions,
      isMessageVersionRecord,
      "expected {messageId, body, by, writtenAt, replacedAt}",
    ),
  ].sort((a, b) => compareCodeUnits(a.path, b.path) || compareCodeUnits(a.code, b.code));
}
