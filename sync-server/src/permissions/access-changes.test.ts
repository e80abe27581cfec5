// When this process's listeners hear of an access change: at once, or once the work that
// emitted it returned (a committed change), never for work that threw (a rolled-back one).
import { describe, expect, it } from "vitest";
import { type AccessChange, AccessChanges } from "./access-changes.ts";

function listened(): { changes: AccessChanges; heard: AccessChange[] } {
  const changes = new AccessChanges();
  const heard: AccessChange[] = [];
  changes.subscribe((change) => heard.push(change));
  return { changes, heard };
}

const renamed = { kind: "channel-edited", channelId: "c1" } as const;
const removed = { kind: "member-removed", userId: "u1", channelId: "c1" } as const;

describe("access change delivery", () => {
  it("tells listeners at once outside any work", () => {
    const { changes, heard } = listened();
    changes.emit(renamed);
    expect(heard).toEqual([renamed]);
  });

  it("holds what work emits until the work has returned, in order", () => {
    const { changes, heard } = listened();
    const result = changes.deliverAfter(() => {
      changes.emit(renamed);
      changes.emit(removed);
      expect(heard).toEqual([]);
      return 42;
    });
    expect(result).toBe(42);
    expect(heard).toEqual([renamed, removed]);
  });

  it("tells nobody of what work emitted before it threw", () => {
    const { changes, heard } = listened();
    expect(() =>
      changes.deliverAfter(() => {
        changes.emit(removed);
        throw new Error("audit insert refused");
      }),
    ).toThrow("audit insert refused");
    expect(heard).toEqual([]);
    changes.emit(renamed);
    expect(heard).toEqual([renamed]);
  });

  it("hands what nested work emitted to the enclosing work, dropped if that throws", () => {
    const { changes, heard } = listened();
    expect(() =>
      changes.deliverAfter(() => {
        changes.deliverAfter(() => changes.emit(removed));
        expect(heard).toEqual([]);
        throw new Error("the enclosing change rolled back");
      }),
    ).toThrow();
    expect(heard).toEqual([]);
    changes.deliverAfter(() => {
      changes.deliverAfter(() => changes.emit(removed));
      changes.emit(renamed);
    });
    expect(heard).toEqual([removed, renamed]);
  });
});
