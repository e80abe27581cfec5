// Random channel operations for property tests: a command generator and how to apply one
// command to a replica, remembering every id created so later commands can pick among them.
// A command that does not apply on a replica (an id it has not received yet, an owner-only
// operation by someone else) throws SkipStep or a ChannelError, which callers skip.
import fc from "fast-check";
import { expect } from "vitest";
import type * as Y from "yjs";
import {
  type Actor,
  abandonFork,
  appendToReply,
  createFork,
  createThread,
  deleteMessage,
  editMessage,
  FINAL_TASK_STATUSES,
  finishAgentReply,
  forkView,
  getMessage,
  type ManualEnv,
  pinMessage,
  postMessage,
  react,
  requestForkSummary,
  requestThreadSummary,
  resolveFork,
  setThreadStatus,
  startAgentReply,
  THREAD_STATUSES,
  threadView,
  unpinMessage,
  unreact,
} from "../../src/index.ts";
import { alice, bob, helper, reviewer } from "./channel.ts";

export const PEOPLE: readonly Actor[] = [alice, bob, helper];
export const AGENTS: readonly Actor[] = [helper, reviewer];

const text = fc.constantFrom<string>(
  "hi",
  "ok @alice",
  "ping @Bob and a@b.com",
  "  ",
  "done.",
  "é@x @helper!",
);
export const pick = fc.nat(1_000);
const emoji = fc.constantFrom("👍", "🎉", "x");

/** Most of the time the owner acts, so that owner-only operations get exercised. */
const asOwner = fc.boolean();

/** Mostly the main line, sometimes a fork. */
const maybeFork = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: pick },
);

const weighted = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
export const command = fc.oneof(
  weighted(2, fc.record({ type: fc.constant("createThread" as const), body: text })),
  weighted(
    5,
    fc.record({ type: fc.constant("post" as const), thread: pick, fork: maybeFork, body: text }),
  ),
  weighted(
    2,
    fc.record({ type: fc.constant("edit" as const), message: pick, body: text, asOwner }),
  ),
  weighted(
    1,
    fc.record({ type: fc.constant("delete" as const), message: pick, moderator: fc.boolean() }),
  ),
  weighted(2, fc.record({ type: fc.constant("react" as const), message: pick, emoji })),
  weighted(1, fc.record({ type: fc.constant("unreact" as const), message: pick, emoji })),
  weighted(1, fc.record({ type: fc.constant("pin" as const), message: pick })),
  weighted(1, fc.record({ type: fc.constant("unpin" as const), message: pick })),
  weighted(
    2,
    fc.record({ type: fc.constant("fork" as const), message: pick, body: fc.option(text) }),
  ),
  weighted(
    1,
    fc.record({ type: fc.constant("resolve" as const), fork: pick, body: text, asOwner }),
  ),
  weighted(1, fc.record({ type: fc.constant("abandon" as const), fork: pick, asOwner })),
  weighted(
    1,
    fc.record({
      type: fc.constant("status" as const),
      thread: pick,
      status: fc.constantFrom(...THREAD_STATUSES),
      asOwner,
    }),
  ),
  weighted(
    2,
    fc.record({ type: fc.constant("startReply" as const), thread: pick, fork: maybeFork }),
  ),
  weighted(3, fc.record({ type: fc.constant("append" as const), reply: pick, body: text })),
  weighted(
    1,
    fc.record({ type: fc.constant("askSummary" as const), fork: maybeFork, thread: pick, asOwner }),
  ),
  weighted(1, fc.record({ type: fc.constant("summaryReply" as const), fork: pick })),
  weighted(1, fc.record({ type: fc.constant("resolveWithSummary" as const), reply: pick })),
  weighted(
    1,
    fc.record({
      type: fc.constant("finish" as const),
      reply: pick,
      status: fc.constantFrom(...FINAL_TASK_STATUSES),
    }),
  ),
);
export type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

export interface Replica {
  readonly doc: Y.Doc;
  readonly env: ManualEnv;
}

/** Ids created anywhere; a replica that has not received one yet gets `not_found` and skips. */
export interface Known {
  readonly threads: string[];
  readonly forks: string[];
  readonly messages: string[];
  readonly replies: { messageId: string; taskId: string; agent: Actor }[];
}

export function choose<T>(list: readonly T[], index: number): T | undefined {
  return list.length === 0 ? undefined : list[index % list.length];
}

/** Everything visible on this replica in a thread must sort before what it posts next. */
function latestCreatedAtIn(doc: Y.Doc, known: Known, threadId: string): string {
  let latest = "";
  for (const id of known.messages) {
    const message = getMessage(doc, id);
    if (message?.threadId === threadId && message.createdAt > latest) latest = message.createdAt;
  }
  return latest;
}

function expectPostedAfterVisible(
  doc: Y.Doc,
  known: Known,
  threadId: string,
  post: () => string[],
): void {
  const before = latestCreatedAtIn(doc, known, threadId);
  for (const messageId of post()) {
    known.messages.push(messageId);
    const createdAt = getMessage(doc, messageId)?.createdAt ?? "";
    expect(createdAt > before, `${createdAt} should sort after ${before}`).toBe(true);
  }
}

export function apply(
  replica: Replica,
  actor: Actor,
  agent: Actor,
  command: Command,
  known: Known,
): void {
  const { doc, env } = replica;
  const required = <T>(value: T | undefined): T => {
    if (value === undefined) throw new SkipStep();
    return value;
  };
  switch (command.type) {
    case "createThread": {
      const created = createThread(doc, actor, { title: "thread", body: command.body }, env);
      known.threads.push(created.threadId);
      known.messages.push(created.messageId);
      return;
    }
    case "post": {
      const threadId = required(choose(known.threads, command.thread));
      const forkId = command.fork === null ? null : required(choose(known.forks, command.fork));
      expectPostedAfterVisible(doc, known, threadId, () => [
        postMessage(doc, actor, { threadId, forkId, body: command.body }, env),
      ]);
      return;
    }
    case "edit": {
      const messageId = required(choose(known.messages, command.message));
      const editor = command.asOwner ? required(getMessage(doc, messageId)).author : actor;
      editMessage(doc, editor, { messageId, body: command.body }, env);
      return;
    }
    case "delete": {
      const messageId = required(choose(known.messages, command.message));
      deleteMessage(doc, actor, { messageId, moderator: command.moderator }, env);
      return;
    }
    case "react":
      react(
        doc,
        actor,
        { messageId: required(choose(known.messages, command.message)), emoji: command.emoji },
        env,
      );
      return;
    case "unreact":
      unreact(doc, actor, {
        messageId: required(choose(known.messages, command.message)),
        emoji: command.emoji,
      });
      return;
    case "pin":
      pinMessage(doc, actor, { messageId: required(choose(known.messages, command.message)) }, env);
      return;
    case "unpin":
      unpinMessage(doc, actor, {
        messageId: required(choose(known.messages, command.message)),
      });
      return;
    case "fork": {
      const messageId = required(choose(known.messages, command.message));
      const body = command.body ?? undefined;
      const forkId = createFork(
        doc,
        actor,
        body === undefined ? { messageId } : { messageId, body },
        env,
      );
      known.forks.push(forkId);
      const first = forkView(doc, forkId)?.messages[0]?.id;
      if (first !== undefined) known.messages.push(first);
      return;
    }
    case "resolve": {
      const forkId = required(choose(known.forks, command.fork));
      const { threadId, createdBy } = required(forkView(doc, forkId)).fork;
      const resolver = command.asOwner ? createdBy : actor;
      expectPostedAfterVisible(doc, known, threadId, () => [
        resolveFork(doc, resolver, { forkId, resolution: command.body }, env).summaryMessageId,
      ]);
      return;
    }
    case "abandon": {
      const forkId = required(choose(known.forks, command.fork));
      const closer = command.asOwner ? required(forkView(doc, forkId)).fork.createdBy : actor;
      abandonFork(doc, closer, { forkId }, env);
      return;
    }
    case "status": {
      const threadId = required(choose(known.threads, command.thread));
      const owner = command.asOwner ? required(threadView(doc, threadId)).thread.createdBy : actor;
      setThreadStatus(doc, owner, { threadId, status: command.status });
      return;
    }
    case "startReply": {
      const threadId = required(choose(known.threads, command.thread));
      const forkId = command.fork === null ? null : required(choose(known.forks, command.fork));
      const taskId = `task-${known.replies.length}`;
      expectPostedAfterVisible(doc, known, threadId, () => {
        const messageId = startAgentReply(
          doc,
          agent,
          { threadId, forkId, taskId, model: "m" },
          env,
        );
        known.replies.push({ messageId, taskId, agent });
        return [messageId];
      });
      return;
    }
    case "askSummary": {
      if (command.fork === null) {
        const threadId = required(choose(known.threads, command.thread));
        requestThreadSummary(doc, actor, { threadId }, env);
        return;
      }
      const forkId = required(choose(known.forks, command.fork));
      const asker = command.asOwner ? required(forkView(doc, forkId)).fork.createdBy : actor;
      requestForkSummary(doc, asker, { forkId }, env);
      return;
    }
    case "summaryReply": {
      const forkId = required(choose(known.forks, command.fork));
      const { threadId } = required(forkView(doc, forkId)).fork;
      const taskId = `task-${known.replies.length}`;
      expectPostedAfterVisible(doc, known, threadId, () => {
        const messageId = startAgentReply(
          doc,
          agent,
          { threadId, summaryOfForkId: forkId, taskId },
          env,
        );
        known.replies.push({ messageId, taskId, agent });
        return [messageId];
      });
      return;
    }
    case "resolveWithSummary": {
      const { messageId, agent: author } = required(choose(known.replies, command.reply));
      const forkId = required(getMessage(doc, messageId)?.summaryOfForkId ?? undefined);
      resolveFork(doc, author, { forkId, summaryMessageId: messageId, moderator: true }, env);
      return;
    }
    case "append": {
      const { messageId, taskId, agent: author } = required(choose(known.replies, command.reply));
      appendToReply(doc, author, { messageId, taskId, text: command.body });
      return;
    }
    case "finish": {
      const { messageId, taskId, agent: author } = required(choose(known.replies, command.reply));
      const usage = { inputTokens: 1, outputTokens: 2 };
      finishAgentReply(doc, author, { messageId, taskId, status: command.status, usage }, env);
      return;
    }
  }
}

export class SkipStep extends Error {}
