// A seeded workspace for search tests: the member and the agent hold replicas of split channels
// (their thread documents over real providers) and write through @openvibe/schema operations;
// searches go over HTTP.
import { type Actor, defaultEnv, type Env, type SearchResult } from "@openvibe/schema";
import { MessageProjections } from "../../src/collaboration/message-projections.ts";
import type { RunningServer } from "../../src/server.ts";
import type { ApiClient } from "./api-client.ts";
import { type ChannelReplica, channelReplica } from "./channel-replica.ts";
import { connectPeer } from "./peers.ts";
import { webSocketToken } from "./socket-credentials.ts";
import { type SeededWorkspace, seedWorkspace } from "./workspace-fixture.ts";

export interface SearchWorld extends SeededWorkspace {
  server: RunningServer;
  memberActor: Actor;
  agentActor: Actor;
}

/** Open replicas for one test (peers close when the test finishes). */
export interface Writers {
  /** The member's replicas of the public and the private channel. */
  generalDoc: ChannelReplica;
  secretDoc: ChannelReplica;
  /** The agent's replica of the public channel. */
  agentGeneralDoc: ChannelReplica;
}

export async function buildSearchWorld(server: RunningServer): Promise<SearchWorld> {
  const seeded = await seedWorkspace(server);
  return {
    ...seeded,
    server,
    memberActor: { kind: "human", id: seeded.member.user.id },
    agentActor: { kind: "agent", id: seeded.agent.user.id },
  };
}

/** Call inside a test. */
export async function openWriters(w: SearchWorld): Promise<Writers> {
  const memberPeer = connectPeer(w.server.websocketUrl, {
    token: await webSocketToken(w.member.client),
  });
  const agentPeer = connectPeer(w.server.websocketUrl, { token: w.agent.apiKey });
  return {
    generalDoc: channelReplica(memberPeer, w.general.id),
    secretDoc: channelReplica(memberPeer, w.secret.id),
    agentGeneralDoc: channelReplica(agentPeer, w.general.id),
  };
}

/** Writes what the projections hold back now instead of after their batching delay. */
export function flushSearch(server: RunningServer): void {
  for (const extension of server.hocuspocus.configuration.extensions)
    if (extension instanceof MessageProjections) extension.flush();
}

/** Waits for the server to store the replica's changes, then for the index to take them. */
export async function indexed(
  server: RunningServer,
  ...channels: { acknowledged(): Promise<void> }[]
): Promise<void> {
  for (const channel of channels) await channel.acknowledged();
  flushSearch(server);
}

export async function search(
  client: ApiClient,
  q: string,
  options: { limit?: number; cursor?: string } = {},
): Promise<SearchResult> {
  const params = new URLSearchParams({ q, limit: String(options.limit ?? 20) });
  if (options.cursor !== undefined) params.set("cursor", options.cursor);
  const response = await client.get<SearchResult>(`/api/search?${params}`);
  if (response.status !== 200)
    throw new Error(`search answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Bodies of the hits with the match markers shown as [ and ]. */
export function snippets(result: SearchResult): string[] {
  return result.hits.map((hit) => hit.snippet.replaceAll("\u0002", "[").replaceAll("\u0003", "]"));
}

/** An environment whose clock is fixed at a day long ago (ids stay real). */
export function envAt(isoDay: string): Env {
  return { now: () => Date.parse(`${isoDay}T12:00:00Z`), newId: defaultEnv.newId };
}

/** A new thread in `channel` whose first message is `body`, stored by the server. */
export function thread(channel: ChannelReplica, actor: Actor, body: string, env?: Env) {
  return channel.createThread(actor, { title: `about ${body.slice(0, 20)}`, body }, env);
}
