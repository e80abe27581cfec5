// The parts of Slack's workspace export this importer reads (Slack's "How to read Slack data
// exports"): users.json, channels.json (public), groups.json (private, in full exports), and one
// folder per channel holding one JSON array of messages per day (YYYY-MM-DD.json). Unknown fields
// are ignored; what is read is checked, so a malformed file is named, never half-imported.
import { z } from "zod";

export const slackUser = z.looseObject({
  id: z.string().min(1),
  name: z.string().default(""),
  real_name: z.string().optional(),
  deleted: z.boolean().default(false),
  is_bot: z.boolean().default(false),
  is_admin: z.boolean().default(false),
  is_owner: z.boolean().default(false),
  is_restricted: z.boolean().default(false),
  profile: z
    .looseObject({
      email: z.string().optional(),
      real_name: z.string().optional(),
      display_name: z.string().optional(),
    })
    .default({}),
});

const textValue = z.looseObject({ value: z.string().default("") }).optional();

export const slackChannel = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  created: z.number().optional(),
  creator: z.string().optional(),
  is_archived: z.boolean().default(false),
  members: z.array(z.string()).default([]),
  topic: textValue,
  purpose: textValue,
});

export const slackReaction = z.looseObject({
  name: z.string().min(1),
  users: z.array(z.string()).default([]),
});

export const slackFile = z.looseObject({
  name: z.string().optional(),
  title: z.string().optional(),
  url_private: z.string().optional(),
  permalink: z.string().optional(),
});

export const slackMessage = z.looseObject({
  type: z.string().default("message"),
  subtype: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  username: z.string().optional(),
  text: z.string().default(""),
  ts: z.string().regex(/^\d{1,12}\.\d{1,6}$/, "a Slack timestamp (seconds.micro)"),
  thread_ts: z
    .string()
    .regex(/^\d{1,12}\.\d{1,6}$/)
    .optional(),
  edited: z.looseObject({ user: z.string().optional(), ts: z.string() }).optional(),
  reactions: z.array(slackReaction).default([]),
  files: z.array(slackFile).default([]),
});

export type SlackUser = z.infer<typeof slackUser>;
export type SlackChannel = z.infer<typeof slackChannel>;
export type SlackMessage = z.infer<typeof slackMessage>;
