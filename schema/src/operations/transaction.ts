import type * as Y from "yjs";
import type { Actor } from "../actors.ts";
import { type OperationName, originFor } from "../origin.ts";

/** Runs one operation's writes as exactly one Yjs transaction with a typed origin. */
export function commit<T>(
  doc: Y.Doc,
  actor: Actor,
  operation: OperationName,
  write: () => T,
  taskId?: string,
): T {
  return doc.transact(() => write(), originFor(actor, operation, taskId));
}
