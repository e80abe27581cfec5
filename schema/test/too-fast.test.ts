import { describe, expect, it } from "vitest";
import { CLOSE_CODES } from "../src/close-codes.ts";
import {
  FIRST_RESYNC_PAUSE_MS,
  MAX_RESYNC_PAUSE_MS,
  MAX_SAID_WAIT_MS,
  readTooFast,
  reasonName,
  resyncDelayMs,
  tooFastReason,
} from "../src/too-fast.ts";

const never = () => 0;
const always = () => 0.999_999;

describe("too fast: what the server says", () => {
  it("carries the wait in the reason, and reads every too-fast reason back", () => {
    const reason = tooFastReason(CLOSE_CODES.tooManyNewThreads.reason, 1234.2);
    expect(reason).toBe("too-many-new-threads;wait-ms=1235");
    expect(reason.length).toBeLessThan(123); // a WebSocket close reason's limit
    expect(readTooFast(reason)).toEqual({ waitMs: 1235 });
    expect(reasonName(reason)).toBe(CLOSE_CODES.tooManyNewThreads.reason);
    // An older server's reason, without a wait: still too fast.
    expect(readTooFast(CLOSE_CODES.tooManyWrites.reason)).toEqual({ waitMs: null });
    expect(readTooFast("too-many-writes;wait-ms=soon")).toEqual({ waitMs: null });
    // Anything else is not.
    expect(readTooFast(CLOSE_CODES.channelFull.reason)).toBeNull();
    expect(readTooFast("write-refused;wait-ms=10")).toBeNull();
    expect(readTooFast("")).toBeNull();
  });
});

describe("too fast: how long a copy waits", () => {
  it("waits what the server said, plus at most a tenth (and a second) of jitter", () => {
    expect(resyncDelayMs({ waitMs: 5_000 }, 0, never)).toBe(5_000);
    expect(resyncDelayMs({ waitMs: 5_000 }, 7, always)).toBe(5_600);
    expect(resyncDelayMs({ waitMs: 60_000 }, 0, always)).toBe(61_000);
    expect(resyncDelayMs({ waitMs: 0 }, 3, always)).toBe(100);
    // A wait past reason is capped: a copy is never parked for good.
    expect(resyncDelayMs({ waitMs: 10 * MAX_SAID_WAIT_MS }, 0, never)).toBe(MAX_SAID_WAIT_MS);
  });

  it("backs off exponentially, with jitter and a cap, when the server said no wait", () => {
    const lowest = [0, 1, 2, 3, 4, 5, 6, 20].map((n) => resyncDelayMs({ waitMs: null }, n, never));
    const highest = [0, 1, 2, 3, 4, 5, 6, 20].map((n) =>
      resyncDelayMs({ waitMs: null }, n, always),
    );
    expect(highest).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(lowest).toEqual(highest.map((ms) => ms / 2));
    expect(resyncDelayMs({ waitMs: null }, 0, always)).toBe(FIRST_RESYNC_PAUSE_MS);
    expect(resyncDelayMs({ waitMs: null }, 1_000, always)).toBe(MAX_RESYNC_PAUSE_MS);
  });
});
