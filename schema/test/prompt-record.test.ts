// The prompt record's bounds (the bridge keeps the newest messages that fit, and says how many
// it left out) and export files before records existed (version 1) still being read.
import { describe, expect, it } from "vitest";
import { EXPORT_VERSION, exportFile } from "../src/api/export-format.ts";
import {
  boundSeenMessages,
  PROMPT_RECORD_LIMITS,
  promptRecordRequest,
  type SeenMessage,
} from "../src/api/prompt-record.ts";

const seen = (n: number, text = `message ${n}`): SeenMessage => ({
  messageId: `m${n}`,
  part: "conversation",
  version: "001764000000000.000000",
  authorId: "u1",
  text,
});

describe("boundSeenMessages", () => {
  it("keeps every message of a prompt within the bounds", () => {
    const messages = [seen(1), seen(2)];
    expect(boundSeenMessages(messages, [])).toEqual({ messages, omittedMessages: 0 });
  });

  it("keeps the newest messages within the message and text bounds, and counts the rest", () => {
    const many = Array.from({ length: PROMPT_RECORD_LIMITS.messages + 5 }, (_, n) => seen(n));
    const byCount = boundSeenMessages(many, []);
    expect(byCount.omittedMessages).toBe(5);
    expect(byCount.messages[0]?.messageId).toBe("m5");

    const long = Array.from({ length: 4 }, (_, n) => seen(n, "x".repeat(40_000)));
    const byText = boundSeenMessages(long, []);
    expect(byText.messages.map((m) => m.messageId)).toEqual(["m1", "m2", "m3"]);
    expect(byText.omittedMessages).toBe(1);
    const request = { attempt: 1, provider: null, model: "m", related: [], ...byText };
    expect(promptRecordRequest.safeParse(request).success).toBe(true);
    const whole = { ...request, messages: long, omittedMessages: 0 };
    expect(promptRecordRequest.safeParse(whole).success).toBe(false);
  });
});

describe("export files of version 1", () => {
  it("are read, their channels without agent prompts, earlier versions, tool steps or context items", () => {
    const at = "2026-01-01T00:00:00.000Z";
    const file = {
      format: "openvibe-export",
      version: 1,
      exportedAt: at,
      scope: { kind: "workspace" },
      workspace: { name: "Old" },
      users: [],
      channels: [
        {
          id: "01CHANNEL0000000000000000C",
          name: "general",
          topic: "",
          visibility: "public",
          archived: false,
          createdBy: "01ADA00000000000000000000A",
          createdAt: at,
          members: [],
          content: { threads: [], forks: [], messages: [], reactions: [], pins: [] },
        },
      ],
    };
    const read = exportFile.parse(file);
    expect(read.channels[0]?.agentPrompts).toEqual([]);
    expect(read.channels[0]?.content.messageVersions).toEqual([]);
    expect(read.channels[0]?.contextItems).toEqual([]);
    expect(read.channels[0]?.content.toolSteps).toEqual([]);
    expect(read.contextItems).toEqual([]);
    expect(exportFile.safeParse({ ...file, version: EXPORT_VERSION + 1 }).success).toBe(false);
  });
});
