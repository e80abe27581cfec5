import { describe, expect, it } from "vitest";
import { ConnectQueue } from "./connect-queue.ts";

/** A start function whose first sync ends when the test says so. */
function channel(started: string[], key: string) {
  let finish = () => {};
  const start = () => {
    started.push(key);
    return new Promise<void>((resolve) => {
      finish = resolve;
    });
  };
  return { start, finish: () => finish() };
}

describe("ConnectQueue", () => {
  it("syncs a bounded number of channels at once, the next as each one finishes", async () => {
    const queue = new ConnectQueue({ concurrency: 2, slotTimeoutMs: 60_000 });
    const started: string[] = [];
    const b = channel(started, "b");
    queue.enqueue("a", channel(started, "a").start);
    queue.enqueue("b", b.start);
    queue.enqueue("c", channel(started, "c").start);
    queue.enqueue("d", channel(started, "d").start);
    expect(started).toEqual(["a", "b"]);
    expect(queue.pending).toBe(2);

    b.finish();
    await expect.poll(() => started).toEqual(["a", "b", "c"]);
    expect(queue.pending).toBe(1);
  });

  it("puts the channel on screen first, whether it is waiting or not yet queued", async () => {
    const queue = new ConnectQueue({ concurrency: 1, slotTimeoutMs: 60_000 });
    const started: string[] = [];
    const first = channel(started, "first");
    queue.enqueue("first", first.start);
    const z = channel(started, "z");
    queue.enqueue("x", channel(started, "x").start);
    queue.enqueue("y", channel(started, "y").start);
    queue.enqueue("z", z.start);
    queue.promote("z");
    first.finish();
    await expect.poll(() => started).toEqual(["first", "z"]);

    queue.promote("later");
    queue.enqueue("later", channel(started, "later").start);
    expect(queue.pending).toBe(3);
    z.finish();
    await expect.poll(() => started).toEqual(["first", "z", "later"]);
  });

  it("lets the document on screen sync alone, even while it still reads its local copy", async () => {
    const queue = new ConnectQueue({ concurrency: 8, slotTimeoutMs: 60_000 });
    const started: string[] = [];
    queue.promote("screen");
    for (const key of ["a", "b", "c"]) queue.enqueue(key, channel(started, key).start);
    expect(started).toEqual([]);
    const screen = channel(started, "screen");
    queue.enqueue("screen", screen.start);
    expect(started).toEqual(["screen"]);
    screen.finish();
    await expect.poll(() => started).toEqual(["screen", "a", "b", "c"]);
  });

  it("stops holding the others once the document on screen passed its deadline", async () => {
    const queue = new ConnectQueue({ concurrency: 8, slotTimeoutMs: 50 });
    const started: string[] = [];
    queue.promote("never-loaded");
    queue.enqueue("a", channel(started, "a").start);
    expect(started).toEqual([]);
    await expect.poll(() => started).toEqual(["a"]);
  });

  it("frees a slot when a sync never ends, and forgets a channel closed while waiting", async () => {
    const queue = new ConnectQueue({ concurrency: 1, slotTimeoutMs: 1 });
    const started: string[] = [];
    queue.enqueue("stuck", channel(started, "stuck").start);
    const leave = queue.enqueue("closed", channel(started, "closed").start);
    queue.enqueue("next", channel(started, "next").start);
    leave();
    await expect.poll(() => started).toEqual(["stuck", "next"]);
  });

  it("starts a background document only when nothing else waits, unless it is promoted", async () => {
    const queue = new ConnectQueue({ concurrency: 1, slotTimeoutMs: 60_000 });
    const started: string[] = [];
    const first = channel(started, "first");
    queue.enqueue("first", first.start);
    queue.inBackground("fetched");
    const fetched = channel(started, "fetched");
    queue.enqueue("fetched", fetched.start);
    const channelA = channel(started, "a");
    queue.enqueue("a", channelA.start);
    queue.inBackground("shown");
    queue.enqueue("shown", channel(started, "shown").start);
    queue.promote("shown");
    first.finish();
    await expect.poll(() => started).toEqual(["first", "shown"]);
    expect(queue.pending).toBe(2);
  });
});
