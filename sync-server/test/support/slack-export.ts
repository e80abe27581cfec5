// A small synthetic Slack workspace export in Slack's documented layout (users.json,
// channels.json, groups.json, one folder per channel with one JSON array per day), built by the
// test and zipped with fflate, so the fixture is readable source rather than a binary blob.
import { strToU8, zipSync } from "fflate";

export const SLACK_USERS = [
  {
    id: "U01ADMIN",
    name: "ada",
    real_name: "Ada Admin",
    is_admin: true,
    profile: { email: "admin@example.com", real_name: "Ada Admin", display_name: "ada" },
  },
  {
    id: "U02BEN",
    name: "ben.builder",
    real_name: "Ben Builder",
    profile: { email: "ben@slack.example", real_name: "Ben Builder", display_name: "" },
  },
  {
    id: "U03CY",
    name: "cy",
    real_name: "Cy Guest",
    is_restricted: true,
    profile: { email: "cy@slack.example", real_name: "Cy Guest", display_name: "Cy" },
  },
  {
    id: "U04GONE",
    name: "gone",
    deleted: true,
    profile: { real_name: "Former Colleague" },
  },
  { id: "U05BOT", name: "deploybot", is_bot: true, profile: { real_name: "Deploy Bot" } },
];

const at = (day: string, seconds: number, micro = 0) =>
  `${Date.parse(`${day}T09:00:00Z`) / 1000 + seconds}.${String(micro).padStart(6, "0")}`;

export const THREAD_TS = at("2024-03-01", 60);

export const GENERAL_DAYS: Record<string, unknown[]> = {
  "2024-03-01": [
    {
      type: "message",
      subtype: "channel_join",
      user: "U02BEN",
      text: "<@U02BEN> has joined",
      ts: at("2024-03-01", 1),
    },
    {
      type: "message",
      user: "U01ADMIN",
      text: "Morning all &amp; welcome",
      ts: at("2024-03-01", 10),
    },
    {
      type: "message",
      user: "U02BEN",
      text: "Release plan for Friday\nDetails below",
      ts: THREAD_TS,
      thread_ts: THREAD_TS,
      reply_count: 2,
      reactions: [{ name: "+1", users: ["U01ADMIN", "U03CY"], count: 2 }],
    },
    {
      type: "message",
      user: "U01ADMIN",
      text: "Sounds good <@U02BEN>, see <https://example.com/plan|the plan>",
      ts: at("2024-03-01", 70),
      thread_ts: THREAD_TS,
      parent_user_id: "U02BEN",
    },
    {
      type: "message",
      user: "U02BEN",
      text: "Updated the checklist",
      ts: at("2024-03-01", 80, 5),
      thread_ts: THREAD_TS,
      edited: { user: "U02BEN", ts: at("2024-03-01", 90) },
    },
  ],
  "2024-03-02": [
    {
      type: "message",
      subtype: "file_share",
      user: "U04GONE",
      text: "Slides attached",
      ts: at("2024-03-02", 5),
      files: [
        {
          id: "F1",
          name: "slides.pdf",
          title: "Quarterly slides",
          url_private: "https://files.slack.com/files-pri/T1-F1/slides.pdf",
          permalink: "https://acme.slack.com/files/U04GONE/F1/slides.pdf",
        },
      ],
      reactions: [{ name: "tada", users: ["U02BEN"], count: 1 }],
    },
    {
      type: "message",
      subtype: "bot_message",
      bot_id: "B1",
      username: "deploybot",
      text: "deployed",
      ts: at("2024-03-02", 6),
    },
  ],
};

export function slackExport(
  overrides: { files?: Record<string, string>; omit?: string[] } = {},
): Uint8Array {
  const files: Record<string, string> = {
    "users.json": JSON.stringify(SLACK_USERS),
    "channels.json": JSON.stringify([
      {
        id: "C01GENERAL",
        name: "general",
        created: 1709200000,
        creator: "U01ADMIN",
        is_archived: false,
        is_general: true,
        members: ["U01ADMIN", "U02BEN", "U03CY", "U04GONE"],
        topic: { value: "Company-wide", creator: "U01ADMIN", last_set: 0 },
        purpose: { value: "Everything", creator: "U01ADMIN", last_set: 0 },
      },
      {
        id: "C02OLD",
        name: "old-projects",
        created: 1709200100,
        creator: "U02BEN",
        is_archived: true,
        members: ["U02BEN"],
        topic: { value: "" },
        purpose: { value: "Past work" },
      },
    ]),
    "groups.json": JSON.stringify([
      {
        id: "G01SECRET",
        name: "leads",
        created: 1709200200,
        creator: "U01ADMIN",
        members: ["U01ADMIN", "U02BEN"],
        topic: { value: "Leads only" },
        purpose: { value: "" },
      },
    ]),
    "integration_logs.json": "[]",
    "old-projects/2024-02-28.json": JSON.stringify([
      {
        type: "message",
        user: "U02BEN",
        text: "Archived work lives here",
        ts: at("2024-02-28", 1),
      },
    ]),
    "leads/2024-03-01.json": JSON.stringify([
      {
        type: "message",
        user: "U01ADMIN",
        text: "Hiring plan <#C01GENERAL|general>",
        ts: at("2024-03-01", 500),
      },
    ]),
    ...Object.fromEntries(
      Object.entries(GENERAL_DAYS).map(([day, messages]) => [
        `general/${day}.json`,
        JSON.stringify(messages),
      ]),
    ),
    ...overrides.files,
  };
  for (const name of overrides.omit ?? []) delete files[name];
  return zipSync(
    Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])),
  );
}
