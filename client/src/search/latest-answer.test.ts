import { describe, expect, it } from "vitest";
import { LatestAnswer } from "./latest-answer.ts";
import { NewestOnly } from "./worker/newest-only.ts";

describe("stale searches", () => {
  it("keep only the answer to the newest request, whatever order answers come in", () => {
    const latest = new LatestAnswer<string, string[]>();
    const first = latest.issue("pay");
    const second = latest.issue("paym");
    expect(latest.settle(second, ["payments"])).toBe(true);
    expect(latest.settle(first, ["pay", "payday"])).toBe(false);
    expect(latest.current.get()).toEqual({ request: "paym", answer: ["payments"] });
    const third = latest.issue("paymx");
    expect(latest.settle(second, ["payments"])).toBe(false);
    expect(latest.settle(third, [])).toBe(true);
    expect(latest.current.get()).toEqual({ request: "paymx", answer: [] });
  });

  it("keep answers to the same request sent again, in order, and say when one is awaited", () => {
    const latest = new LatestAnswer<{ text: string }, number>();
    const request = { text: "budget" };
    const first = latest.issue(request);
    expect(latest.pending).toBe(true);
    // The index changed: the same request is sent again before the first answer came.
    const again = latest.issue(request);
    expect(latest.settle(first, 1)).toBe(true);
    expect(latest.pending).toBe(false);
    expect(latest.settle(again, 2)).toBe(true);
    expect(latest.settle(first, 1)).toBe(false);
    expect(latest.current.get()?.answer).toBe(2);
    latest.issue({ text: "budget" });
    expect(latest.pending).toBe(true);
    expect(latest.settle(again, 2)).toBe(false);
  });

  it("run only the newest of the requests received before the worker's next turn, and tell a running one when it is no longer the newest", async () => {
    const ran: string[] = [];
    let nextTurn = () => {};
    const turn = () =>
      new Promise<void>((resolve) => {
        nextTurn = resolve;
      });
    let isPayCurrent = () => false;
    const newest = new NewestOnly<string>((request, isCurrent) => {
      ran.push(request);
      if (request === "pay") isPayCurrent = isCurrent;
    }, turn);
    for (const typed of ["p", "pa", "pay"]) newest.receive(typed);
    nextTurn();
    await Promise.resolve();
    expect(ran).toEqual(["pay"]);
    expect(isPayCurrent()).toBe(true);
    // A newer one came while "pay" was still running in steps: it stops at its next step.
    newest.receive("paym");
    expect(isPayCurrent()).toBe(false);
    nextTurn();
    await Promise.resolve();
    expect(ran).toEqual(["pay", "paym"]);
  });
});
