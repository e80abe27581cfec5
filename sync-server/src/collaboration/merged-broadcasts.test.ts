// What a receiver gets when the frames one commit released are sent merged: the same documents,
// the other frames in their places, fewer frames.
import { MessageType } from "@hocuspocus/server";
import fc from "fast-check";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { hocuspocusFrame } from "../../test/support/hocuspocus-frame.ts";
import { messageUpdates, updateBroadcastFrame } from "../../test/support/update-frames.ts";
import { frameHeader } from "./frame-header.ts";
import { mergeBroadcasts } from "./merged-broadcasts.ts";
import { updateInFrame } from "./sync-frames.ts";

/** A sync step 2 as a reply to one peer's sync step 1 carries it (y-protocols' sync type 1). */
function syncStep2(address: string, update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, address);
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** "message 0" to "message <count - 1>". */
function numbered(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `message ${i}`);
}

/** Each address's document as a receiver of `frames` builds it. */
function documentsFrom(frames: readonly Uint8Array[]): Map<string, Y.Doc> {
  const docs = new Map<string, Y.Doc>();
  for (const frame of frames) {
    const update = updateInFrame(frame);
    const address = frameHeader(frame)?.address;
    if (update === null || address === undefined) continue;
    let doc = docs.get(address);
    if (doc === undefined) {
      doc = new Y.Doc();
      docs.set(address, doc);
    }
    Y.applyUpdate(doc, update);
  }
  return docs;
}

/** Each address's messages. */
function contents(docs: Map<string, Y.Doc>): Record<string, string[]> {
  return Object.fromEntries(
    [...docs].map(([address, doc]) => [address, doc.getArray<string>("messages").toArray()]),
  );
}

/** What a second socket released the same frames is sent (the first gets them as they are). */
function mergedFor(frames: readonly Uint8Array[]): readonly Uint8Array[] {
  expect(mergeBroadcasts([...frames])).toEqual(frames);
  return mergeBroadcasts([...frames]);
}

describe("mergeBroadcasts", () => {
  it("sends a run of update broadcasts to one address as one frame with all of them", () => {
    const frames = messageUpdates(numbered(3)).map((update) =>
      updateBroadcastFrame("thread:a", update),
    );
    const sent = mergedFor(frames);
    expect(sent).toHaveLength(1);
    expect(contents(documentsFrom(sent))).toEqual({
      "thread:a": ["message 0", "message 1", "message 2"],
    });
  });

  it("keeps other frames in their places, and runs to other addresses apart", () => {
    const [first, second, third, fourth] = messageUpdates(numbered(4)) as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];
    const awareness = hocuspocusFrame("thread:a", MessageType.Awareness);
    const reply = syncStep2("thread:a", third);
    const frames = [
      updateBroadcastFrame("thread:a", first),
      updateBroadcastFrame("thread:a", second),
      awareness,
      reply,
      updateBroadcastFrame("thread:b", third),
      updateBroadcastFrame("thread:a", fourth),
    ];
    const sent = mergedFor(frames);
    expect(sent).toHaveLength(5);
    expect(sent.slice(1, 4)).toEqual([awareness, reply, frames[4]]);
    expect(sent[4]).toBe(frames[5]);
  });

  it("sends the frames as they are to the first socket, and to a socket alone", () => {
    const frames = messageUpdates(numbered(4)).map((update) =>
      updateBroadcastFrame("thread:a", update),
    );
    const first = [...frames];
    expect(mergeBroadcasts(first)).toBe(first);
    const other = messageUpdates(numbered(2), 2).map((update) =>
      updateBroadcastFrame("thread:b", update),
    );
    expect(mergeBroadcasts(other)).toBe(other);
    const one = [frames[0] as Uint8Array];
    expect(mergeBroadcasts(one)).toBe(one);
  });

  it("hands back what it cannot shorten as it is", () => {
    const apart = [
      hocuspocusFrame("thread:a", MessageType.Awareness),
      hocuspocusFrame("thread:a", MessageType.Stateless),
    ];
    expect(mergedFor(apart)).toEqual(apart);
  });

  it("merges once for every further socket released the same frames", () => {
    const frames = messageUpdates(numbered(5)).map((update) =>
      updateBroadcastFrame("thread:a", update),
    );
    mergeBroadcasts([...frames]);
    const forSecond = mergeBroadcasts([...frames]);
    const forThird = mergeBroadcasts([...frames]);
    expect(forSecond).toHaveLength(1);
    expect(forThird).toBe(forSecond);
  });

  it("gives every receiver the documents and the other frames the unmerged frames give (property)", () => {
    const step = fc.oneof(
      fc.record({
        kind: fc.constant("write" as const),
        writer: fc.integer({ min: 0, max: 2 }),
        address: fc.constantFrom("thread:a", "thread:b"),
        text: fc.string({ maxLength: 8 }),
        remove: fc.boolean(),
      }),
      fc.record({ kind: fc.constant("other" as const), type: fc.constantFrom(1, 5, 8) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        // Three writers' replicas of each address, kept in step as a server's document would be.
        const replicas = new Map<string, Y.Doc[]>();
        const frames: Uint8Array[] = [];
        for (const next of steps) {
          if (next.kind === "other") {
            frames.push(hocuspocusFrame("thread:a", next.type));
            continue;
          }
          let docs = replicas.get(next.address);
          if (docs === undefined) {
            docs = [1, 2, 3].map((clientID) => {
              const doc = new Y.Doc();
              doc.clientID = clientID;
              return doc;
            });
            replicas.set(next.address, docs);
          }
          const writer = docs[next.writer] as Y.Doc;
          const list = writer.getArray<string>("messages");
          const before = Y.encodeStateVector(writer);
          if (next.remove && list.length > 0) list.delete(0, 1);
          else list.push([next.text]);
          const update = Y.encodeStateAsUpdate(writer, before);
          for (const doc of docs) Y.applyUpdate(doc, update);
          frames.push(updateBroadcastFrame(next.address, update));
        }
        const sent = mergedFor(frames);
        expect(sent.length).toBeLessThanOrEqual(frames.length);
        expect(contents(documentsFrom(sent))).toEqual(contents(documentsFrom(frames)));
        const others = (list: readonly Uint8Array[]) =>
          list.filter((frame) => updateInFrame(frame) === null);
        expect(others(sent)).toEqual(others(frames));
      }),
      { numRuns: 300 },
    );
  });
});
