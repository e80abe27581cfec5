// Hocuspocus extension that keeps a document loaded for `delayMs` after its last client left,
// then lets it unload: someone moving between threads, or a client reconnecting, finds it in
// memory instead of having it read from the store again, and a document nobody opens any more
// still returns its memory. Hocuspocus unloads a document as soon as nobody holds it; this hook
// calls that off (a throw from beforeUnloadDocument does) and asks again once the delay has
// passed, when it lets the unload through unless a client came back meanwhile (then the next
// leave starts a new delay). It comes first among the extensions, so the others' unload hooks
// run only for an unload that happens. With a delay of 0 documents unload at once. (A document
// whose load was refused is never kept: Hocuspocus does not list it, so no unload hook runs.)
import type { beforeUnloadDocumentPayload, Document, Extension } from "@hocuspocus/server";

/** Calls an unload off; no message, so Hocuspocus's hook runner logs nothing. */
class KeptWhileIdle extends Error {
  constructor() {
    super("");
    this.name = "KeptWhileIdle";
  }
}

export class IdleUnload implements Extension {
  readonly extensionName = "openvibe-idle-unload";
  private readonly delayMs: number;
  private readonly waiting = new Map<string, { document: Document; timer: NodeJS.Timeout }>();
  /** Documents whose delay has passed: their next unload goes through. */
  private readonly due = new WeakSet<Document>();
  private stopping = false;

  constructor(delayMs: number) {
    this.delayMs = delayMs;
  }

  async beforeUnloadDocument({
    instance,
    document,
    documentName,
  }: beforeUnloadDocumentPayload): Promise<void> {
    if (this.stopping || this.delayMs === 0 || this.due.has(document)) return;
    const earlier = this.waiting.get(documentName);
    if (earlier !== undefined) clearTimeout(earlier.timer);
    const timer = setTimeout(() => {
      this.waiting.delete(documentName);
      if (document.isDestroyed || document.getConnectionsCount() > 0) return;
      this.due.add(document);
      void instance.unloadDocument(document);
    }, this.delayMs);
    this.waiting.set(documentName, { document, timer });
    throw new KeptWhileIdle();
  }

  /** Lets every document kept idle unload now (the server stops). */
  async stop(unload: (document: Document) => Promise<void>): Promise<void> {
    this.stopping = true;
    const kept = [...this.waiting.values()];
    this.waiting.clear();
    for (const { timer } of kept) clearTimeout(timer);
    await Promise.all(kept.map(({ document }) => unload(document)));
  }
}
