// The server's answers that mean "too fast": a principal wrote, or created threads, faster than
// the server takes from one. Nothing of the peer's was taken or lost; its copy keeps the change
// and syncs again after a pause. One answer closes a document's connection (`too-many-writes`),
// the other refuses to open a new thread document (`too-many-new-threads`): clients treat both
// alike.
import { CLOSE_CODES } from "./close-codes.ts";
import { CONNECTION_DENIALS } from "./connection-denials.ts";

const TOO_FAST_REASONS: ReadonlySet<string> = new Set([
  CLOSE_CODES.tooManyWrites.reason,
  CONNECTION_DENIALS.tooManyNewThreads,
]);

/** Whether a close reason or a connection denial says "too fast: sync again after a pause". */
export function isTooFast(reason: string): boolean {
  return TOO_FAST_REASONS.has(reason);
}
