// Messages for the related-messages tests, written by the member over real providers and
// indexed by the server before the test goes on: in channels the agent reads (the private
// #secret-plans) and in channels it does not (a private and a public one it is not in).
import { createThread } from "@openvibe/schema";
import { addMember, createChannel } from "../../../sync-server/src/channels/channels.ts";
import { indexed } from "../../../sync-server/test/support/search-world.ts";
import type { AgentWorld } from "./agent-world.ts";

export const READABLE = "The zebracorn launch moved to Friday because the vendor slipped";
export const PRIVATE_ELSEWHERE = "Zebracorn launch salary bands are confidential";
export const PUBLIC_ELSEWHERE = "Zebracorn launch memes for the random channel";

/** Writes one thread per text and waits until the server has indexed them. */
export async function seedRelated(world: AgentWorld): Promise<void> {
  const { ctx } = world.server.current;
  const { admin, member, secret } = world.workspace;
  const hr = createChannel(ctx, admin.user, { name: "hr-only", topic: "", visibility: "private" });
  const random = createChannel(ctx, admin.user, {
    name: "random",
    topic: "",
    visibility: "public",
  });
  for (const channel of [hr, random]) addMember(ctx, admin.user, channel.id, member.user.id);
  const writes: [string, string, string][] = [
    [secret.id, "Launch plan", READABLE],
    [hr.id, "Pay", PRIVATE_ELSEWHERE],
    [random.id, "Fun", PUBLIC_ELSEWHERE],
  ];
  const channels = [];
  for (const [channelId, title, body] of writes) {
    const channel = await world.member.open(channelId);
    createThread(channel.doc, world.member.actor, { title, body });
    channels.push(channel);
  }
  await indexed(world.server.current, ...channels);
}
