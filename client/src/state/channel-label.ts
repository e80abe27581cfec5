// What a channel is called on screen: "#name", or for a direct message the names of the others
// in it (its channel name is only an id derived from them).
import type { ChannelView, UserView } from "@openvibe/schema";

export function isDirectMessage(channel: Pick<ChannelView, "visibility">): boolean {
  return channel.visibility === "direct";
}

/** The people of a direct message other than `meId`, by name ("you" when alone in it). */
export function directMessageName(
  channel: Pick<ChannelView, "directMembers">,
  people: readonly Pick<UserView, "id" | "displayName">[],
  meId: string,
): string {
  const names = new Map(people.map((person) => [person.id, person.displayName]));
  const others = (channel.directMembers ?? [])
    .filter((id) => id !== meId)
    .map((id) => names.get(id) ?? "someone");
  return others.length === 0 ? "you" : others.join(", ");
}

/** "#name" for a channel, the people's names for a direct message. */
export function channelLabel(
  channel: ChannelView,
  people: readonly Pick<UserView, "id" | "displayName">[],
  meId: string,
): string {
  return isDirectMessage(channel) ? directMessageName(channel, people, meId) : `#${channel.name}`;
}
