import { describe, expect, it } from "vitest";
import { ArrivalLog, isSentWhileOffline, OFFLINE_THRESHOLD_MS } from "./arrivals.ts";

describe("isSentWhileOffline", () => {
  it("marks a message that arrived well after it was written", () => {
    expect(isSentWhileOffline(1_000, 1_000 + OFFLINE_THRESHOLD_MS + 1)).toBe(true);
  });

  it("leaves prompt messages, clock jitter and unknown arrivals unmarked", () => {
    expect(isSentWhileOffline(1_000, 1_500)).toBe(false);
    expect(isSentWhileOffline(5_000, 1_000)).toBe(false);
    expect(isSentWhileOffline(1_000, undefined)).toBe(false);
  });
});

describe("ArrivalLog", () => {
  it("keeps the first live sighting in a list already read", () => {
    const log = new ArrivalLog();
    log.observe("thread", ["old"], true, 10);
    log.observe("thread", ["old", "new"], true, 20);
    log.observe("thread", ["new"], true, 30);
    expect(log.arrivedAt("old")).toBeUndefined();
    expect(log.arrivedAt("new")).toBe(20);
  });

  it("gives no arrival to what came in a catch-up sync", () => {
    const log = new ArrivalLog();
    log.observe("thread", ["a"], false, 10);
    log.observe("thread", ["a", "b"], false, 20);
    expect(log.arrivedAt("b")).toBeUndefined();
  });
});
