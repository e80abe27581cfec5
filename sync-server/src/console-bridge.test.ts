import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { bridgeConsole, kindOf } from "./console-bridge.ts";

describe("bridgeConsole", () => {
  it("groups messages by kind, blanking numbers, ids and quoted names", () => {
    expect(kindOf('[onConnect] unknown document "channel:../x": documents are named')).toBe(
      kindOf('[onConnect] unknown document "dm:y": documents are named'),
    );
    expect(kindOf("closing connection 2b1c0e7e-1111-4222-8333-944455556666 (while x)")).toBe(
      kindOf("closing connection 9f1c0e7e-1111-4222-8333-944455556666 (while x)"),
    );
    expect(kindOf("Error: Unexpected end of array\n    at a (b.js:1:2)")).toBe(
      "Error: Unexpected end of array",
    );
  });

  it("logs each kind a limited number of times a minute and reports what it held back", () => {
    const lines: string[] = [];
    const logger = pino(
      { level: "info" },
      {
        write: (line: string) => {
          lines.push(line);
        },
      },
    );
    let now = 0;
    const bridge = bridgeConsole(logger, { perKindPerMinute: 3, now: () => now });
    for (let i = 0; i < 1000; i++) bridge.error(`[onAuthenticate] no valid token ${i}`);
    bridge.error("something else entirely");
    expect(lines).toHaveLength(4);
    now += 60_000;
    bridge.warn("[onAuthenticate] no valid token again");
    const entries = lines.map((line) => JSON.parse(line) as { msg: string; suppressed?: number });
    expect(entries.at(-2)).toMatchObject({
      msg: "console messages suppressed (repeated)",
      suppressed: 997,
    });
    expect(entries.at(-1)?.msg).toBe("[onAuthenticate] no valid token again");
  });
});
