// ovb list-channels: every channel (an admin sees private ones too).
import { listVisibleChannels } from "../../channels/channels.ts";
import { defineCommand } from "../command.ts";
import { WORKSPACE_OPTIONS } from "../options.ts";
import { table } from "../output.ts";
import { asAdmin } from "../workspace.ts";

export const listChannelsCommand = defineCommand({
  name: "list-channels",
  summary: "List all channels with visibility, archived state and member count",
  synopsis: "[--json]",
  options: { ...WORKSPACE_OPTIONS },
  run({ values, io }) {
    return asAdmin(values, io.env, ({ ctx, admin }) => {
      const channels = listVisibleChannels(ctx, admin);
      const rows = channels.map((channel) => [
        channel.id,
        `#${channel.name}`,
        channel.visibility,
        channel.archived ? "archived" : "-",
        String(channel.memberCount),
        channel.topic,
      ]);
      return {
        data: channels,
        text: table(["id", "name", "visibility", "archived", "members", "topic"], rows),
      };
    });
  },
});
