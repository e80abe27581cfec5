import { MessageType } from "@hocuspocus/server";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { hocuspocusFrame as frame } from "../../test/support/hocuspocus-frame.ts";
import { messageUpdates, updateBroadcastFrame } from "../../test/support/update-frames.ts";
import { DurableSocket, type FrameSocket, type OutboundGate } from "./durable-socket.ts";
import { updateInFrame } from "./sync-frames.ts";

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

/** An update as Hocuspocus broadcasts it to the test's document. */
const broadcast = (update: Uint8Array) => updateBroadcastFrame("thread:a", update);

/** Lets a commit's release finish: the socket sends what it released at its end. */
const released = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("DurableSocket", () => {
  it("sends each frame once its document's updates are durable, in order, per document", async () => {
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
    await released();
    expect(inner.sent).toEqual([other]);
    gate.commit("thread:a");
    await released();
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

  it("closes only after the frames it still holds are sent", async () => {
    const inner = new RecordingSocket();
    const gate = new ManualGate();
    const socket = new DurableSocket(inner, gate);
    const last = frame("thread:a", MessageType.CLOSE);
    socket.send(last);
    socket.close(4403, "access revoked");
    expect(inner.closedWith).toBeNull();
    gate.commit("thread:a");
    expect(inner.closedWith).toBeNull();
    await released();
    expect(inner.sent).toEqual([last]);
    expect(inner.closedWith).toEqual([4403, "access revoked"]);
  });

  it("sends what one commit released together, update broadcasts merged for further sockets", async () => {
    const gate = new ManualGate();
    const first = new RecordingSocket();
    const second = new RecordingSocket();
    const sockets = [new DurableSocket(first, gate), new DurableSocket(second, gate)];
    // Hocuspocus broadcasts each update as one frame to every socket in turn.
    for (const update of messageUpdates(["one", "two", "three"])) {
      const bytes = broadcast(update);
      for (const socket of sockets) socket.send(bytes);
    }
    gate.commit("thread:a");
    expect(first.sent).toEqual([]);
    await released();
    expect(first.sent).toHaveLength(3);
    expect(second.sent).toHaveLength(1);
    for (const frames of [first.sent, second.sent]) {
      const receiver = new Y.Doc();
      for (const sent of frames) Y.applyUpdate(receiver, updateInFrame(sent) as Uint8Array);
      expect(receiver.getArray<string>("messages").toArray()).toEqual(["one", "two", "three"]);
    }
  });

  it("sends a frame given once nothing is held after the frames released before it", async () => {
    const gate = new ManualGate();
    const inner = new RecordingSocket();
    const socket = new DurableSocket(inner, gate);
    const held = messageUpdates(["one", "two"]).map(broadcast);
    for (const frame of held) socket.send(frame);
    gate.commit("thread:a");
    gate.holding = false;
    const later = frame("thread:a", MessageType.Awareness);
    socket.send(later);
    expect(inner.sent).toEqual([]);
    await released();
    expect(inner.sent).toEqual([...held, later]);
  });

  it("closes a socket that cannot send what a commit released; the others still get theirs", async () => {
    const gate = new ManualGate();
    const broken = new RecordingSocket();
    broken.send = () => {
      throw new Error("socket gone");
    };
    const working = new RecordingSocket();
    const sockets = [new DurableSocket(broken, gate), new DurableSocket(working, gate)];
    const sent = frame("thread:a", MessageType.Awareness);
    for (const socket of sockets) socket.send(sent);
    gate.commit("thread:a");
    await released();
    expect(broken.closedWith).toEqual([1011, "a frame could not be sent"]);
    expect(working.sent).toEqual([sent]);
    expect(working.closedWith).toBeNull();
  });

  it("refuses a frame that names no document, rather than holding it under none", () => {
    const socket = new DurableSocket(new RecordingSocket(), new ManualGate());
    expect(() => socket.send(new Uint8Array([255, 255, 255]))).toThrow(/document address/);
  });
});
