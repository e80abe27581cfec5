// Hocuspocus extension that times the server's own load of each document: from the first load
// hook (onCreateDocument, before Persistence reads snapshot and tail) until the last
// afterLoadDocument hook has run (projections, guard and index set up), which is when the
// document is ready for the peer that asked for it. What a client waits for on top (connecting,
// authentication, the sync reply's transfer) is not counted. Its lowest priority makes its
// afterLoadDocument the last one to run.
import type {
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  Extension,
  onCreateDocumentPayload,
} from "@hocuspocus/server";
import { parseDocumentName } from "@openvibe/schema";

export type LoadedKind = "channel" | "thread";

export class DocumentLoadTimer implements Extension {
  readonly extensionName = "openvibe-document-load-timer";
  /** Below every other extension's (default 100): its hooks run last. */
  readonly priority = 0;
  private readonly started = new Map<string, number>();
  private readonly onLoaded: (kind: LoadedKind, seconds: number) => void;

  constructor(onLoaded: (kind: LoadedKind, seconds: number) => void) {
    this.onLoaded = onLoaded;
  }

  async onCreateDocument({ documentName }: onCreateDocumentPayload): Promise<void> {
    this.started.set(documentName, performance.now());
  }

  async afterLoadDocument({ documentName }: afterLoadDocumentPayload): Promise<void> {
    const started = this.started.get(documentName);
    this.started.delete(documentName);
    const kind = parseDocumentName(documentName)?.kind;
    if (started === undefined || kind === undefined) return;
    this.onLoaded(kind, (performance.now() - started) / 1000);
  }

  /** A load that failed ends here without afterLoadDocument. */
  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.started.delete(documentName);
  }
}
