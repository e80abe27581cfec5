import type { PushNotification } from "@openvibe/schema";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PushCoalescer } from "./push-coalescer.ts";

const note = (body: string): PushNotification => ({ title: "Ada in #general", body, url: "/" });

describe("PushCoalescer", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("sends the first of a burst at once and the latest of the rest when the window ends", () => {
    const sent: string[] = [];
    const coalescer = new PushCoalescer(5_000, (userId, notification) => {
      sent.push(`${userId}: ${notification.body}`);
      return true;
    });
    coalescer.offer("ada", note("one"));
    coalescer.offer("ada", note("two"));
    coalescer.offer("ada", note("three"));
    coalescer.offer("bo", note("for bo"));
    expect(sent).toEqual(["ada: one", "bo: for bo"]);
    vi.advanceTimersByTime(4_999);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(["ada: one", "bo: for bo", "ada: three"]);
    // The trailing push opened a new window; a quiet window closes it.
    coalescer.offer("ada", note("four"));
    expect(sent).toHaveLength(3);
    vi.advanceTimersByTime(5_000);
    expect(sent.at(-1)).toBe("ada: four");
    vi.advanceTimersByTime(5_000);
    coalescer.offer("ada", note("five"));
    expect(sent.at(-1)).toBe("ada: five");
    coalescer.stop();
  });

  it("opens no window when nothing was sent, and drops what waits when stopped", () => {
    let online = true;
    const sent: string[] = [];
    const coalescer = new PushCoalescer(5_000, (_userId, notification) => {
      if (online) return false;
      sent.push(notification.body);
      return true;
    });
    coalescer.offer("ada", note("while online"));
    online = false;
    coalescer.offer("ada", note("gone away"));
    coalescer.offer("ada", note("held back"));
    expect(sent).toEqual(["gone away"]);
    coalescer.stop();
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual(["gone away"]);
  });
});
