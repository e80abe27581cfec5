import type { MessageView, SeenMessage } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { seenSince } from "./seen-since.ts";

const seen: SeenMessage = {
  messageId: "m1",
  part: "conversation",
  version: "001764000000000.000001",
  authorId: "u1",
  text: "Ship on Monday",
};
const view = (fields: Partial<MessageView>) =>
  ({
    createdAt: "001764000000000.000001",
    editedAt: null,
    deleted: false,
    ...fields,
  }) as MessageView;

describe("seenSince", () => {
  it("tells an unchanged message from one edited or deleted since, or one not here", () => {
    expect(seenSince(seen, view({}))).toBe("unchanged");
    expect(seenSince(seen, view({ editedAt: "001764000000500.000000" }))).toBe("edited");
    expect(seenSince(seen, view({ deleted: true }))).toBe("deleted");
    expect(seenSince(seen, undefined)).toBe("unknown");
    const seenEdited = { ...seen, version: "001764000000500.000000" };
    expect(seenSince(seenEdited, view({ editedAt: "001764000000500.000000" }))).toBe("unchanged");
  });
});
