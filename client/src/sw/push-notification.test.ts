import { describe, expect, it } from "vitest";
import { notificationTarget, readPushNotification } from "./push-notification.ts";

describe("push notifications in the service worker", () => {
  it("reads the notification the server sends", () => {
    const sent = { title: "Ada in #general", body: "@bo lunch?", url: "/c/C1/t/T1?m=M1" };
    expect(readPushNotification(JSON.stringify(sent))).toEqual(sent);
  });

  it("ignores data that is not a notification", () => {
    for (const data of [
      undefined,
      "",
      "not json",
      "null",
      "[]",
      JSON.stringify({ title: "", body: "x", url: "/" }),
      JSON.stringify({ title: "t", body: 1, url: "/" }),
      JSON.stringify({ title: "t", body: "b", url: "https://elsewhere.example/" }),
    ]) {
      expect(readPushNotification(data), String(data)).toBeNull();
    }
  });

  it("opens paths on the worker's origin only", () => {
    const origin = "https://chat.example";
    expect(notificationTarget("/c/C1/t/T1?m=M1", origin)).toBe(`${origin}/c/C1/t/T1?m=M1`);
    expect(notificationTarget("//evil.example/x", origin)).toBeNull();
    expect(notificationTarget(undefined, origin)).toBeNull();
  });
});
