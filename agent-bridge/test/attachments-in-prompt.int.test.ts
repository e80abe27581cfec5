// An agent sees the files of the conversation it is called into: the real server, bridge and
// SDK against the fake API. Images go to the model as image content, text files as their text;
// the bridge reads them as the task's agent, holding the task's lease.
import { postMessage } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { attachmentFor, uploadWhole } from "../../sync-server/test/support/uploads.ts";
import { startAgentWorld } from "./support/agent-world.ts";
import { finishedReplies } from "./support/humans.ts";
import { startSplitThread } from "./support/split-channel.ts";

describe("attachments in a reply's prompt", () => {
  it("shows images as image content and text files as text", async () => {
    const world = await startAgentWorld();
    const client = world.workspace.member.client;
    // A 1×1 PNG.
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
      "base64",
    );
    const chart = attachmentFor("chart1", "chart.png", "image/png", png);
    const notes = Buffer.from("Revenue grew 12% in the zebracorn quarter.\n");
    const report = attachmentFor("notes1", "notes.md", "text/markdown", notes);
    for (const [record, bytes] of [
      [chart, png],
      [report, notes],
    ] as const) {
      const stored = await uploadWhole(client, world.workspace.general.id, record, bytes);
      expect(stored.status).toBe(200);
    }
    const { threadId, thread } = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "Here are the numbers",
      "Numbers",
    );
    postMessage(thread.doc, world.member.actor, {
      threadId,
      body: "",
      attachments: [{ ...chart, width: 1, height: 1 }, report],
    });
    postMessage(thread.doc, world.member.actor, { threadId, body: "@claude what do they say?" });

    const [reply] = await finishedReplies(thread, threadId);
    expect(reply?.task?.status).toBe("completed");
    const [question] = world.fake.requests[0]?.messages ?? [];
    const content = question?.content as unknown as {
      type: string;
      text?: string;
      source?: { media_type: string; data: string };
    }[];
    expect(content.map((part) => part.type)).toEqual(["image", "text"]);
    expect(content[0]?.source).toEqual({
      type: "base64",
      media_type: "image/png",
      data: png.toString("base64"),
    });
    expect(content[1]?.text).toContain("[attached file chart.png (image/png");
    expect(content[1]?.text).toContain("Revenue grew 12% in the zebracorn quarter.");
  });
});
