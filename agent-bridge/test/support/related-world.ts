// Messages for the related-messages tests, written by the member over real providers and
// indexed by the server before the test goes on: in channels the agent reads (the public
// #launches, the private #secret-plans) and in channels it does not (a private and a public one
// it is not in).
import { addMember, createChannel } from "../../../sync-server/src/channels/channels.ts";
import { flushSearch } from "../../../sync-server/test/support/search-world.ts";
import type { AgentWorld } from "./agent-world.ts";
import { startSplitThread } from "./split-channel.ts";

export const READABLE = "The zebracorn launch moved to Friday because the vendor slipped";
/** In #secret-plans, which the agent reads: offered only to replies in #secret-plans. */
export const PRIVATE_TO_ITS_CHANNEL = "Zebracorn launch budget stays between us";
export const PRIVATE_ELSEWHERE = "Zebracorn launch salary bands are confidential";
export const PUBLIC_ELSEWHERE = "Zebracorn launch memes for the random channel";

export interface SeededThread {
  channelId: string;
  threadId: string;
  title: string;
}

/**
 * Writes one thread per text, each in its thread document, and waits until the server has
 * indexed them; returns the threads.
 */
export async function seedRelated(world: AgentWorld): Promise<SeededThread[]> {
  const { ctx } = world.server.current;
  const { admin, member, secret } = world.workspace;
  const hr = createChannel(ctx, admin.user, { name: "hr-only", topic: "", visibility: "private" });
  const random = createChannel(ctx, admin.user, {
    name: "random",
    topic: "",
    visibility: "public",
  });
  const launches = createChannel(ctx, admin.user, {
    name: "launches",
    topic: "",
    visibility: "public",
  });
  for (const channel of [hr, random, launches]) {
    addMember(ctx, admin.user, channel.id, member.user.id);
  }
  addMember(ctx, admin.user, launches.id, world.workspace.agent.user.id);
  const writes: [string, string, string][] = [
    [launches.id, "Launch plan", READABLE],
    [secret.id, "Budget", PRIVATE_TO_ITS_CHANNEL],
    [hr.id, "Pay", PRIVATE_ELSEWHERE],
    [random.id, "Fun", PUBLIC_ELSEWHERE],
  ];
  const threads: SeededThread[] = [];
  // Each resolves once the server has stored its thread document.
  for (const [channelId, title, body] of writes) {
    const { threadId } = await startSplitThread(world.member, channelId, body, title);
    threads.push({ channelId, threadId, title });
  }
  flushSearch(world.server.current);
  return threads;
}
