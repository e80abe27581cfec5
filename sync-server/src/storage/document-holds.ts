// Per document, the actions that must wait for its updates to be stored (the frames that would
// tell someone about them). An action held for a document runs once every update of that
// document queued before it is durable, in the order the actions came; other documents' updates
// never hold it. So a document whose updates cannot be stored holds back only its own frames.

interface Ledger {
  /** Updates of the document queued since the ledger was opened. */
  queued: number;
  /** How many of them are durable (updates of one document are stored in queue order). */
  stored: number;
  /** Waiting actions, each after the updates queued before it; `queued` never decreases. */
  held: { after: number; action: () => void }[];
}

export class DocumentHolds {
  /** Only documents with updates not yet stored or actions still held. */
  private readonly ledgers = new Map<string, Ledger>();
  private readonly onActionError: (error: unknown) => void;

  constructor(onActionError: (error: unknown) => void) {
    this.onActionError = onActionError;
  }

  /** Whether any document has updates waiting or actions held. */
  get holding(): boolean {
    return this.ledgers.size > 0;
  }

  /** Whether `name` has updates queued that are not stored yet. */
  waits(name: string): boolean {
    const ledger = this.ledgers.get(name);
    return ledger !== undefined && ledger.stored < ledger.queued;
  }

  queued(name: string): void {
    let ledger = this.ledgers.get(name);
    if (ledger === undefined) {
      ledger = { queued: 0, stored: 0, held: [] };
      this.ledgers.set(name, ledger);
    }
    ledger.queued += 1;
  }

  /** Runs `action` once the updates of `name` queued so far are durable: at once when none waits. */
  hold(name: string, action: () => void): void {
    const ledger = this.ledgers.get(name);
    if (ledger === undefined) this.run(action);
    else ledger.held.push({ after: ledger.queued, action });
  }

  /** Notes a stored batch (its documents' names, one per update) and runs what it releases. */
  stored(names: readonly string[]): void {
    const touched = new Set<string>();
    for (const name of names) {
      const ledger = this.ledgers.get(name);
      if (ledger === undefined) continue;
      ledger.stored += 1;
      touched.add(name);
    }
    for (const name of touched) this.release(name);
  }

  private release(name: string): void {
    const ledger = this.ledgers.get(name);
    if (ledger === undefined) return;
    let ran = 0;
    // An action may hold another one for this document (a closing socket's last frames): it
    // joins the end of the list and runs in this loop when it has nothing newer to wait for.
    while (ran < ledger.held.length) {
      const next = ledger.held[ran];
      if (next === undefined || next.after > ledger.stored) break;
      ran += 1;
      this.run(next.action);
    }
    ledger.held.splice(0, ran);
    if (ledger.held.length === 0 && ledger.stored === ledger.queued) this.ledgers.delete(name);
  }

  private run(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.onActionError(error);
    }
  }
}
