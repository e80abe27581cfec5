// Who reads an agent's reply: the people of the task's channel. What the agent
// brings into its reply from elsewhere (search hits, another thread) comes
// only from that channel or public ones, so a private channel's words never
// travel into a reply read by people outside it.
import type { ChannelRecord } from "../channels/channels.ts";
import type { TaskRecord } from "./tasks.ts";

export function readableByReplyReaders(
  task: Pick<TaskRecord, "channelId">,
  channel: Pick<ChannelRecord, "id" | "visibility">,
): boolean {
  return channel.id === task.channelId || channel.visibility === "public";
}
