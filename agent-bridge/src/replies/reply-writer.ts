// Grows an agent reply in the shared document: text arriving token by token
// is appended in batches (one Yjs update per `flushMs`, ~50 ms), so peers see
// the reply grow without an update per token. A write the document refuses
// (the reply was deleted, or grew past the body limit) is reported once to
// `onError` instead of being thrown from a timer, which would end the process.
import { type Actor, appendToReply } from "@openvibe/schema";
import type * as Y from "yjs";

export interface ReplyTarget {
  messageId: string;
  taskId: string;
}

export class ReplyWriter {
  private readonly doc: Y.Doc;
  private readonly agent: Actor;
  private readonly target: ReplyTarget;
  private readonly flushMs: number;
  private readonly onError: (error: unknown) => void;
  private pending = "";
  private timer: NodeJS.Timeout | null = null;
  private written = 0;
  private failure: unknown = null;

  constructor(
    doc: Y.Doc,
    agent: Actor,
    target: ReplyTarget,
    options: { flushMs?: number; onError?: (error: unknown) => void } = {},
  ) {
    this.doc = doc;
    this.agent = agent;
    this.target = target;
    this.flushMs = options.flushMs ?? 50;
    this.onError = options.onError ?? (() => undefined);
  }

  /** What the document refused, if it refused a write (nothing more is written then). */
  get error(): unknown {
    return this.failure;
  }

  /** Characters written to the document so far. */
  get writtenLength(): number {
    return this.written;
  }

  push(text: string): void {
    if (this.failure !== null) return;
    this.pending += text;
    this.timer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  /** Writes whatever is pending now; never throws. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending === "" || this.failure !== null) return;
    const text = this.pending;
    this.pending = "";
    try {
      appendToReply(this.doc, this.agent, { ...this.target, text });
      this.written += text.length;
    } catch (error) {
      this.failure = error ?? new Error("the write was refused");
      this.onError(this.failure);
    }
  }
}
