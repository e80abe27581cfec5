import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { jitterFirstAttempt, RECONNECT_OPTIONS } from "../src/reconnect.ts";

function fakeSocket() {
  const events = new EventEmitter();
  return {
    configuration: { initialDelay: RECONNECT_OPTIONS.initialDelay },
    on: (event: "disconnect", listener: () => void) => events.on(event, listener),
    disconnect: () => events.emit("disconnect"),
  };
}

describe("reconnect options", () => {
  it("leave room for jitter on the first retry", () => {
    expect(RECONNECT_OPTIONS.minDelay).toBeLessThan(RECONNECT_OPTIONS.delay);
    expect(RECONNECT_OPTIONS.jitter).toBe(true);
  });

  it("draw a new wait before the first attempt after each close, within one delay", () => {
    const socket = fakeSocket();
    const draws = [0, 0.25, 0.999];
    jitterFirstAttempt(socket, () => draws.shift() ?? 0);
    expect(socket.configuration.initialDelay).toBe(0); // the first connection starts at once
    const waits = [1, 2, 3].map(() => {
      socket.disconnect();
      return socket.configuration.initialDelay;
    });
    expect(waits).toEqual([0, 250, 999]);
  });
});
