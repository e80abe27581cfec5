import { describe, expect, it } from "vitest";
import { linkedMessageId, messageLink } from "./message-link.ts";
import { parseRoute } from "./routes.ts";

describe("message links", () => {
  it("builds a thread or fork URL with ?m= that parses back", () => {
    const address = { channelId: "c1", threadId: "t1", forkId: null, messageId: "m 1" };
    const link = messageLink("https://chat.example", address);
    expect(link).toBe("https://chat.example/c/c1/t/t1?m=m%201");
    const url = new URL(link);
    expect(parseRoute(url.pathname)).toEqual({
      screen: "thread",
      channelId: "c1",
      threadId: "t1",
      forkId: null,
    });
    expect(linkedMessageId(url.search)).toBe("m 1");
    expect(messageLink("", { ...address, forkId: "f1" })).toBe("/c/c1/t/t1/f/f1?m=m%201");
    expect(linkedMessageId("?x=1")).toBeNull();
  });
});
