// Grows an agent reply in the shared document: text arriving token by token
// is appended in batches (one Yjs update per `flushMs`, ~50 ms), so peers see
// the reply grow without an update per token.
import { type Actor, appendToReply } from "@openvibe/schema";
import type * as Y from "yjs";

export class ReplyWriter {
  private readonly doc: Y.Doc;
  private readonly agent: Actor;
  private readonly messageId: string;
  private readonly taskId: string;
  private readonly flushMs: number;
  private pending = "";
  private timer: NodeJS.Timeout | null = null;
  private written = 0;

  constructor(
    doc: Y.Doc,
    agent: Actor,
    target: { messageId: string; taskId: string },
    flushMs = 50,
  ) {
    this.doc = doc;
    this.agent = agent;
    this.messageId = target.messageId;
    this.taskId = target.taskId;
    this.flushMs = flushMs;
  }

  /** Characters written to the document so far. */
  get writtenLength(): number {
    return this.written;
  }

  push(text: string): void {
    this.pending += text;
    this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  /** Writes whatever is pending now. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending === "") return;
    const text = this.pending;
    this.pending = "";
    appendToReply(this.doc, this.agent, { messageId: this.messageId, text, taskId: this.taskId });
    this.written += text.length;
  }
}
