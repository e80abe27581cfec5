// What one update of the soak's writers costs in a replica's heap, measured in this process the
// way the server holds it: a writer posts messages (or edits one in place) through
// @openvibe/schema with the soak writers' bodies, and a replica applies the updates one at a time,
// as the server does. A posted message stays whole; an edit leaves the replaced text and values
// behind as small tombstones. The soak judges the server's heap growth per update against this
// (node --expose-gc).
import { createThread, editMessage, initChannel, postMessage } from "@openvibe/schema";
import * as Y from "yjs";
import { BENCH_ACTOR, BENCH_CHANNEL_ID, randomBody, seededRandom } from "./channel-fixture.ts";

const UPDATES = 5_000;

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("run with node --expose-gc to measure an update's heap");
  gc();
  return process.memoryUsage().heapUsed;
}

/** Heap KB one update (a posted message, or an edit in place) costs a replica that applied it. */
export function replicaKbPerUpdate(edit: boolean): number {
  const writer = new Y.Doc();
  initChannel(writer, BENCH_CHANNEL_ID);
  const thread = createThread(writer, BENCH_ACTOR, { title: "cost", body: "first" });
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(writer));
  const updates: Uint8Array[] = [];
  writer.on("update", (update: Uint8Array) => updates.push(update));
  const random = seededRandom(11);
  for (let i = 0; i < UPDATES; i++) {
    const body = randomBody(random);
    if (edit) editMessage(writer, BENCH_ACTOR, { messageId: thread.messageId, body });
    else postMessage(writer, BENCH_ACTOR, { threadId: thread.threadId, body });
  }
  // The writer and the updates stay reachable across both readings: only the replica grows.
  const before = heapAfterGc();
  for (const update of updates) Y.applyUpdate(replica, update);
  const after = heapAfterGc();
  const kb = (after - before) / 1024 / UPDATES;
  writer.destroy();
  replica.destroy();
  return kb;
}
