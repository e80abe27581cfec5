// ovb add-member: adds a person or an agent to a channel.

import { toUserView } from "../../accounts/users.ts";
import { addMember, isMember, toChannelView } from "../../channels/channels.ts";
import { defineCommand } from "../command.ts";
import { requireChannel } from "../lookup.ts";
import { CHANNEL_OPTION, WORKSPACE_OPTIONS } from "../options.ts";
import { OWNER_OPTIONS, requireOwner } from "../owner.ts";
import { asAdmin } from "../workspace.ts";

export const addMemberCommand = defineCommand({
  name: "add-member",
  summary: "Add a person or an agent to a channel",
  synopsis: "--channel NAME|ID (--user EMAIL | --agent @HANDLE)",
  options: {
    ...CHANNEL_OPTION,
    ...OWNER_OPTIONS,
    ...WORKSPACE_OPTIONS,
  },
  oneOf: [["user", "agent"]],
  run({ values, io }) {
    return asAdmin(values, io.env, ({ ctx, admin }) => {
      const channel = requireChannel(ctx, admin, values.channel);
      const user = requireOwner(ctx, values);
      const added = !isMember(ctx, channel.id, user.id);
      addMember(ctx, admin, channel.id, user.id);
      const state = added ? "is now a member of" : "was already a member of";
      return {
        data: {
          channel: toChannelView(ctx, channel, admin),
          user: toUserView(user, admin),
          added,
        },
        text: `@${user.handle} ${state} #${channel.name}.`,
      };
    });
  },
});
