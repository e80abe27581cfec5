import type * as Y from "yjs";

/**
 * One forward-only step of the channel document layout. `up` runs inside a transaction and
 * must be idempotent: two replicas may run it concurrently, and a re-run must change nothing.
 */
export interface ChannelMigration {
  /** The schemaVersion the document has once this migration ran. */
  readonly version: number;
  readonly description: string;
  up(doc: Y.Doc): void;
}
