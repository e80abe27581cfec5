// The group commit holds back, per document, what depends on updates not stored yet: a
// document whose updates cannot be stored holds only its own actions, in order, until they are.
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { PendingUpdate } from "./document-store.ts";
import { GroupCommit } from "./group-commit.ts";
import { MemoryDocumentStore } from "./memory-document-store.ts";

/** An in-memory store whose batches fail while `failing` is set (a full or read-only disk). */
class FailingStore extends MemoryDocumentStore {
  failing = false;

  override async appendBatch(batch: readonly PendingUpdate[]) {
    if (this.failing) throw new Error("disk full (test)");
    return super.appendBatch(batch);
  }
}

/** An update's bytes: the store keeps them without decoding them, and refuses only empty ones. */
const UPDATE = new Uint8Array([1, 2, 3]);

function groupCommit() {
  const store = new FailingStore();
  const commits = new GroupCommit({
    store,
    logger: pino({ level: "silent" }),
    retryMs: 60_000,
    maxRetryMs: 60_000,
  });
  const ran: string[] = [];
  const action = (name: string) => () => ran.push(name);
  return { store, commits, ran, action };
}

describe("group commit", () => {
  it("holds only the actions of a document whose updates cannot be stored", async () => {
    const { store, commits, ran, action } = groupCommit();
    store.failing = true;
    commits.add("a", UPDATE);
    commits.afterCommit("a", action("a: ack"));
    expect(await commits.settle()).toBe(false);
    expect(commits.failing).toBe("disk full (test)");

    commits.afterCommit("b", action("b: sync reply"));
    commits.afterCommit("a", action("a: awareness"));
    expect(ran).toEqual(["b: sync reply"]);
    expect(await commits.settle("b")).toBe(true);
    expect(await commits.settle("a")).toBe(false);

    store.failing = false;
    expect(await commits.settle("a")).toBe(true);
    expect(ran).toEqual(["b: sync reply", "a: ack", "a: awareness"]);
    expect(commits.holding).toBe(false);
  });

  it("releases a document's actions in order, each after the updates queued before it", async () => {
    const { store, commits, ran, action } = groupCommit();
    commits.add("a", UPDATE);
    commits.afterCommit("a", action("first"));
    // The first batch is handed to the store now; the second update waits for the next batch.
    const settled = commits.settle("a");
    commits.add("a", UPDATE);
    commits.afterCommit("a", action("second"));
    commits.afterCommit("b", action("other document"));
    store.failing = true;
    expect(await settled).toBe(false);
    expect(ran).toEqual(["other document", "first"]);

    store.failing = false;
    expect(await commits.settle("a")).toBe(true);
    expect(ran).toEqual(["other document", "first", "second"]);
  });
});
