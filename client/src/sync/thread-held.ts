// Waiting for a thread document to hold its thread: a thread replica just opened is empty until
// its local copy is read and, if this device never held it, until the server's copy arrives.
import { threadView } from "@openvibe/schema";
import type { DocumentReplica } from "./document-replica.ts";

/**
 * Resolves true once the replica holds its thread; false if it cannot (synced without it, or
 * closed). Offline and never held here, it waits until the connection comes back.
 */
export function threadHeld(replica: DocumentReplica): Promise<boolean> {
  const threadId = replica.threadId;
  return new Promise((resolve) => {
    const check = () => {
      const held = threadId !== null && threadView(replica.doc, threadId) !== undefined;
      const hopeless = replica.destroyed.get() || (replica.synced.get() && !held);
      if (!held && !hopeless) return;
      for (const stop of stops) stop();
      resolve(held);
    };
    const stops = [replica.version, replica.synced, replica.destroyed].map((o) =>
      o.subscribe(check),
    );
    check();
  });
}
