import { MessageType } from "@hocuspocus/server";
import { describe, expect, it } from "vitest";
import { hocuspocusFrame as frame } from "../../test/support/hocuspocus-frame.ts";
import { DurableSocket, type FrameSocket, type OutboundGate } from "./durable-socket.ts";

/** A socket that records what reaches it. */
class RecordingSocket implements FrameSocket {
  readyState = WebSocket.OPEN;
  readonly sent: Uint8Array[] = [];
  closedWith: [number | undefined, string | undefined] | null = null;

  send(data: Uint8Array): void {
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closedWith = [code, reason];
    this.readyState = WebSocket.CLOSED;
  }
}

/** A gate whose documents' commits the test decides, as the group commit would. */
class ManualGate implements OutboundGate {
  holding = true;
  private readonly waiting = new Map<string, (() => void)[]>();

  afterCommit(document: string, action: () => void): void {
    if (!this.holding) {
      action();
      return;
    }
    this.waiting.set(document, [...(this.waiting.get(document) ?? []), action]);
  }

  commit(document: string): void {
    const actions = this.waiting.get(document) ?? [];
    this.waiting.delete(document);
    for (const action of actions) action();
  }
}

describe("DurableSocket", () => {
  it("sends each frame once its document's updates are durable, in order, per document", () => {
    const inner = new RecordingSocket();
    const gate = new ManualGate();
    const socket = new DurableSocket(inner, gate);
    const first = frame("thread:a", MessageType.Sync);
    const second = frame("thread:a", MessageType.Awareness);
    const other = frame("thread:b", MessageType.Sync);
    socket.send(first);
    socket.send(other);
    socket.send(second);
    expect(inner.sent).toEqual([]);
    gate.commit("thread:b");
    expect(inner.sent).toEqual([other]);
    gate.commit("thread:a");
    expect(inner.sent).toEqual([other, first, second]);
  });

  it("sends at once when nothing is held, and reads the socket's state through", () => {
    const inner = new RecordingSocket();
    const gate = new ManualGate();
    gate.holding = false;
    const socket = new DurableSocket(inner, gate);
    const sent = frame("thread:a", MessageType.Sync);
    socket.send(sent);
    expect(inner.sent).toEqual([sent]);
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close(4403, "gone");
    expect(socket.readyState).toBe(WebSocket.CLOSED);
  });

  it("closes only after the frames it still holds are sent", () => {
    const inner = new RecordingSocket();
    const gate = new ManualGate();
    const socket = new DurableSocket(inner, gate);
    const last = frame("thread:a", MessageType.CLOSE);
    socket.send(last);
    socket.close(4403, "access revoked");
    expect(inner.closedWith).toBeNull();
    gate.commit("thread:a");
    expect(inner.sent).toEqual([last]);
    expect(inner.closedWith).toEqual([4403, "access revoked"]);
  });

  it("refuses a frame that names no document, rather than holding it under none", () => {
    const socket = new DurableSocket(new RecordingSocket(), new ManualGate());
    expect(() => socket.send(new Uint8Array([255, 255, 255]))).toThrow(/document address/);
  });
});
