// Tasks on one lock name run one at a time, in order, a failing one included: with the
// platform's Web Locks, and in a page without them.
import { afterEach, describe, expect, it, vi } from "vitest";
import { exclusively } from "./web-locks.ts";

async function runThree(): Promise<string[]> {
  const events: string[] = [];
  const task =
    (name: string, fails = false) =>
    async () => {
      events.push(`${name} starts`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`${name} ends`);
      if (fails) throw new Error(name);
      return name;
    };
  const results = await Promise.allSettled([
    exclusively("copy", task("first")),
    exclusively("copy", task("second", true)),
    exclusively("copy", task("third")),
  ]);
  expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  return events;
}

const inOrder = [
  "first starts",
  "first ends",
  "second starts",
  "second ends",
  "third starts",
  "third ends",
];

describe("exclusively", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("runs one task at a time with Web Locks", async () => {
    expect(await runThree()).toEqual(inOrder);
  });

  it("runs one task at a time in a page without Web Locks", async () => {
    vi.stubGlobal("navigator", {});
    expect(await runThree()).toEqual(inOrder);
  });
});
