// Names and titles refuse the characters that make text read as something else: control
// characters and bidirectional overrides, isolates and marks. Message bodies keep them (a line
// break is a line break; right-to-left text is text).
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  ChannelError,
  createThread,
  initChannel,
  updateProfileRequest,
  WRITE_RULES,
  type Writer,
} from "../src/index.ts";
import { alice } from "./support/channel.ts";

const SPOOFS = [
  "admin\u202egnp.exe",
  "nul\u0000byte",
  "line\nbreak",
  "\u2066isolate\u2069",
  "esc\u001b[31m",
];

const writer: Writer = {
  actor: alice,
  clientOwner: alice.id,
  access: "write",
  moderator: false,
  actsAs: (id) => id === alice.id,
  mayWriteTask: () => false,
};

describe("unsafe characters", () => {
  it("are refused in thread titles by the operation and by the write rule", () => {
    const doc = new Y.Doc();
    initChannel(doc, "c1");
    for (const title of SPOOFS) {
      expect(() => createThread(doc, alice, { title, body: "hi" })).toThrow(ChannelError);
      const fields = {
        id: "t1",
        title,
        createdBy: alice,
        createdAt: "001700000000000.000000",
        status: "active",
      };
      const why = WRITE_RULES.threads.check(
        { key: "t1", before: undefined, after: fields, replaced: false, changed: new Set() },
        writer,
        { after: () => undefined },
      );
      expect(why).toContain("bidirectional");
    }
    expect(
      createThread(doc, alice, { title: "مرحبا — hello", body: "fine" }).threadId,
    ).toBeTruthy();
  });

  it("are refused in people's names, with a message that says what to fix", () => {
    for (const displayName of SPOOFS) {
      const parsed = updateProfileRequest.safeParse({ displayName });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toContain("bidirectional override");
    }
    expect(updateProfileRequest.safeParse({ displayName: "Zoë Łukasz" }).success).toBe(true);
  });
});
