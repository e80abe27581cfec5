// What the quick switcher offers: joined channels, and the threads of every
// channel open in this session (their documents are local), filtered by a
// case-insensitive substring of the name.
import { type ChannelView, listThreads } from "@openvibe/schema";
import type { ChannelReplica } from "../../sync/channel-replica.ts";
import type { Route } from "../routes.ts";

export interface SwitcherItem {
  key: string;
  label: string;
  detail: string;
  route: Route;
}

export const MAX_ITEMS = 20;

export function switcherItems(
  channels: readonly ChannelView[],
  replicas: readonly ChannelReplica[],
  query: string,
): SwitcherItem[] {
  const needle = query.trim().toLowerCase();
  const names = new Map(channels.map((c) => [c.id, c.name]));
  const channelItems: SwitcherItem[] = channels
    .filter((c) => c.joined && !c.archived)
    .map((c) => ({
      key: `c:${c.id}`,
      label: `# ${c.name}`,
      detail: "channel",
      route: { screen: "channel", channelId: c.id },
    }));
  const threadItems: SwitcherItem[] = replicas.flatMap((replica) =>
    listThreads(replica.doc).map((t) => ({
      key: `t:${t.id}`,
      label: t.title,
      detail: `thread in # ${names.get(replica.channelId) ?? replica.channelId}`,
      route: { screen: "thread", channelId: replica.channelId, threadId: t.id, forkId: null },
    })),
  );
  return [...channelItems, ...threadItems]
    .filter((item) => needle === "" || item.label.toLowerCase().includes(needle))
    .slice(0, MAX_ITEMS);
}
