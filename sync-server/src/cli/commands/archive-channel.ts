// ovb archive-channel: a channel becomes read-only for everyone (or writable again with
// --unarchive); open pages reconnect with the new rights.
import { setArchived, toChannelView } from "../../channels/channels.ts";
import { defineCommand } from "../command.ts";
import { requireChannel } from "../lookup.ts";
import { CHANNEL_OPTION, WORKSPACE_OPTIONS } from "../options.ts";
import { asAdmin, LIVE_CONNECTIONS_NOTE } from "../workspace.ts";

export const archiveChannelCommand = defineCommand({
  name: "archive-channel",
  summary: "Make a channel read-only for everyone, or writable again with --unarchive",
  synopsis: "--channel NAME|ID [--unarchive]",
  details: `Its history stays readable and searchable. ${LIVE_CONNECTIONS_NOTE}`,
  options: {
    ...CHANNEL_OPTION,
    unarchive: { type: "boolean", description: "make an archived channel writable again" },
    ...WORKSPACE_OPTIONS,
  },
  run({ values, io }) {
    return asAdmin(values, io.env, ({ ctx, admin }) => {
      const archived = values.unarchive !== true;
      const channel = setArchived(
        ctx,
        admin,
        requireChannel(ctx, admin, values.channel).id,
        archived,
      );
      return {
        data: toChannelView(ctx, channel, admin),
        text: `#${channel.name} is ${archived ? "archived: read-only" : "writable again"}.`,
      };
    });
  },
});
