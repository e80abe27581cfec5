// Which Hocuspocus frames carry a document update, read with lib0 alone.
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import { updateBroadcastIn, updateInFrame } from "./sync-frames.ts";

const UPDATE = new Uint8Array([0, 0]);

function frame(messageType: number, syncType?: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, "channel:01ABC");
  encoding.writeVarUint(encoder, messageType);
  if (syncType !== undefined) encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, UPDATE);
  return encoding.toUint8Array(encoder);
}

describe("updateInFrame", () => {
  it("returns the update of sync step 2 and update messages, Sync and SyncReply alike", () => {
    for (const messageType of [0, 4]) {
      expect(updateInFrame(frame(messageType, 1))).toEqual(UPDATE);
      expect(updateInFrame(frame(messageType, 2))).toEqual(UPDATE);
    }
  });

  it("returns null for frames that write nothing: sync step 1, awareness, stateless", () => {
    expect(updateInFrame(frame(0, 0))).toBeNull();
    expect(updateInFrame(frame(1))).toBeNull();
    expect(updateInFrame(frame(5))).toBeNull();
  });

  it("throws on a truncated frame", () => {
    expect(() => updateInFrame(frame(0, 2).subarray(0, 17))).toThrow();
  });
});

describe("updateBroadcastIn", () => {
  it("reads the address and update of a Sync message of sync type update only", () => {
    expect(updateBroadcastIn(frame(0, 2))).toEqual({ address: "channel:01ABC", update: UPDATE });
    expect(updateBroadcastIn(frame(0, 1))).toBeNull();
    expect(updateBroadcastIn(frame(4, 2))).toBeNull();
    expect(updateBroadcastIn(frame(1))).toBeNull();
  });

  it("returns null for truncated frames and frames with bytes after the update", () => {
    expect(updateBroadcastIn(frame(0, 2).subarray(0, 17))).toBeNull();
    expect(updateBroadcastIn(new Uint8Array([...frame(0, 2), 7]))).toBeNull();
  });
});
