import { AuthMessageType } from "@hocuspocus/common";
import { MessageType } from "@hocuspocus/server";
import { describe, expect, it } from "vitest";
import { hocuspocusFrame as frame } from "../../test/support/hocuspocus-frame.ts";
import { ClosedDocuments, WatchedSocket } from "./closed-documents.ts";

describe("ClosedDocuments", () => {
  it("drops a closed document's frames until the peer authenticates it again", () => {
    const docs = new ClosedDocuments();
    expect(docs.admits(frame("channel:a", MessageType.Sync))).toBe(true);
    docs.sent(frame("channel:a", MessageType.CLOSE));
    expect(docs.admits(frame("channel:a", MessageType.Sync))).toBe(false);
    expect(docs.admits(frame("channel:a", MessageType.CLOSE))).toBe(false);
    expect(docs.admits(frame("channel:b", MessageType.Sync))).toBe(true);
    expect(docs.admits(frame("channel:a", MessageType.Auth))).toBe(true);
    expect(docs.admits(frame("channel:a", MessageType.Sync))).toBe(true);
  });

  it("treats a refused Auth like a CLOSE, and an accepted one as nothing", () => {
    const docs = new ClosedDocuments();
    docs.sent(frame("channel:a", MessageType.Auth, AuthMessageType.Authenticated));
    expect(docs.admits(frame("channel:a", MessageType.Sync))).toBe(true);
    docs.sent(frame("channel:a", MessageType.Auth, AuthMessageType.PermissionDenied));
    expect(docs.admits(frame("channel:a", MessageType.Sync))).toBe(false);
    expect(docs.admits(frame("channel:a", MessageType.Awareness))).toBe(false);
    expect(docs.admits(frame("channel:a", MessageType.Auth, AuthMessageType.Token))).toBe(true);
    expect(docs.admits(frame("channel:a", MessageType.Sync))).toBe(true);
  });

  it("leaves frames it cannot read, and other outgoing messages, to Hocuspocus", () => {
    const docs = new ClosedDocuments();
    docs.sent(frame("channel:a", MessageType.SyncStatus));
    docs.sent("not a frame");
    docs.sent(new Uint8Array([255, 255, 255]));
    expect(docs.admits(frame("channel:a", MessageType.Sync))).toBe(true);
    docs.sent(frame("channel:a", MessageType.CLOSE));
    expect(docs.admits(new Uint8Array([255, 255, 255]))).toBe(true);
  });

  it("notes every frame a watched socket sends before it leaves", () => {
    const docs = new ClosedDocuments();
    const sent: Uint8Array[] = [];
    const socket = new WatchedSocket(
      {
        readyState: WebSocket.OPEN,
        send: (data) => {
          // By the time the frame leaves, its document is already closed to the peer's frames.
          expect(docs.admits(frame("channel:a", MessageType.Sync))).toBe(false);
          sent.push(data);
        },
        close: () => {},
      },
      docs,
    );
    const close = frame("channel:a", MessageType.CLOSE);
    socket.send(close);
    expect(sent).toEqual([close]);
    expect(socket.readyState).toBe(WebSocket.OPEN);
  });
});
