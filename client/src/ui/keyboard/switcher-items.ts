// What the quick switcher offers: joined channels and direct messages, "Message" for people
// one may write to directly, and the threads of every channel open in this session (from its
// index, and those held here the index does not list yet), filtered by a case-insensitive
// substring of the name.
import { type ChannelView, listThreadIndex, listThreads, type UserView } from "@openvibe/schema";
import type { DocumentReplica } from "../../sync/document-replica.ts";
import type { Route } from "../routes.ts";

export interface SwitcherItem {
  key: string;
  label: string;
  detail: string;
  route: Route;
}

export const MAX_ITEMS = 20;

/**
 * `directNames`: each direct message's name (its people), by channel id; `people`: whom a direct
 * message may be started with ("Message …").
 */
export function switcherItems(
  channels: readonly ChannelView[],
  replicas: readonly DocumentReplica[],
  query: string,
  directNames: ReadonlyMap<string, string> = new Map(),
  people: readonly Pick<UserView, "id" | "displayName">[] = [],
): SwitcherItem[] {
  const needle = query.trim().toLowerCase();
  const label = (c: ChannelView) => directNames.get(c.id) ?? `# ${c.name}`;
  const names = new Map(channels.map((c) => [c.id, label(c)]));
  const channelItems: SwitcherItem[] = channels
    .filter((c) => c.joined && !c.archived)
    .map((c) => ({
      key: `c:${c.id}`,
      label: label(c),
      detail: directNames.has(c.id) ? "direct message" : "channel",
      route: { screen: "channel", channelId: c.id },
    }));
  const personItems: SwitcherItem[] = people.map((person) => ({
    key: `p:${person.id}`,
    label: `Message ${person.displayName}`,
    detail: "direct message",
    route: { screen: "direct-message", userId: person.id },
  }));
  // A channel document lists its index; a thread document its own thread (pending or not).
  const threadItems = new Map<string, SwitcherItem>();
  for (const replica of replicas) {
    const { channelId } = replica;
    const threads =
      replica.threadId === null ? listThreadIndex(replica.doc) : listThreads(replica.doc);
    for (const t of threads) {
      threadItems.set(`t:${t.id}`, {
        key: `t:${t.id}`,
        label: t.title,
        detail: `thread in ${names.get(channelId) ?? channelId}`,
        route: { screen: "thread", channelId, threadId: t.id, forkId: null },
      });
    }
  }
  return [...channelItems, ...personItems, ...threadItems.values()]
    .filter((item) => needle === "" || item.label.toLowerCase().includes(needle))
    .slice(0, MAX_ITEMS);
}
