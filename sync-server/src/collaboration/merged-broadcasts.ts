// Frames a socket sends together, with each run of consecutive update broadcasts to one address
// merged into one frame. A group commit releases at once the frames held for every update it made
// durable (durable-socket.ts): at 600 messages/s one writer's commit holds about ten, so each
// receiver of a busy channel would get ten frames, one socket write each, where one carries the
// same. Applying the merged update is applying each of them (Yjs's `mergeUpdates`, which
// Hocuspocus itself uses to merge the broadcasts of one event-loop turn). Only Sync messages of
// sync type update are merged: a sync step 2 or a sync reply keeps its own frame (the provider
// treats them as replies), and every other frame keeps its place between the runs.
//
// Every receiver of a document is released the same frame objects (Hocuspocus encodes one frame
// per broadcast for all of them), so the last merge is remembered by the identity of the frames
// it merged: a thousand receivers cost one merge, not a thousand. And only frames released to
// more than one socket are merged: a merge costs about 5–8 µs per update (Yjs decodes the
// updates and encodes them again), a frame not sent about 3, so for a single receiver (one
// writer and one reader, or a writer's own acknowledgements) merging would cost more than it
// saves. The first socket gets the frames as they are; every further one, the merged frames.
import { OutgoingMessage } from "@hocuspocus/server";
import * as Y from "yjs";
import { type UpdateBroadcast, updateBroadcastIn } from "./sync-frames.ts";

/** The frames released last, and once a second socket was released them too, their merge. */
let lastReleased: readonly Uint8Array[] = [];
let lastMerged: readonly Uint8Array[] | null = null;

/**
 * What to send of `released`: the frames as they are the first time, each run of update
 * broadcasts to one address merged when the same frames are released to another socket.
 * Neither array may be changed afterwards.
 */
export function mergeBroadcasts(released: readonly Uint8Array[]): readonly Uint8Array[] {
  if (released.length < 2) return released;
  if (!sameFrames(released, lastReleased)) {
    lastReleased = released;
    lastMerged = null;
    return released;
  }
  lastMerged ??= mergeRuns(released);
  return lastMerged;
}

function sameFrames(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function mergeRuns(frames: readonly Uint8Array[]): readonly Uint8Array[] {
  const out: Uint8Array[] = [];
  /** The run of update broadcasts to one address being gathered. */
  let run: { frame: Uint8Array; broadcast: UpdateBroadcast }[] = [];
  const endRun = () => {
    if (run.length === 1) out.push((run[0] as (typeof run)[number]).frame);
    else if (run.length > 1) out.push(mergedFrame(run.map(({ broadcast }) => broadcast)));
    run = [];
  };
  for (const frame of frames) {
    const broadcast = updateBroadcastIn(frame);
    if (broadcast === null || run[0]?.broadcast.address !== broadcast.address) endRun();
    if (broadcast === null) out.push(frame);
    else run.push({ frame, broadcast });
  }
  endRun();
  return out.length === frames.length ? frames : out;
}

function mergedFrame(broadcasts: readonly UpdateBroadcast[]): Uint8Array {
  const address = (broadcasts[0] as UpdateBroadcast).address;
  const update = Y.mergeUpdates(broadcasts.map((broadcast) => broadcast.update));
  return new OutgoingMessage(address).createSyncMessage().writeUpdate(update).toUint8Array();
}
