// Whether this person may write in a channel, and if not, why: archived
// channels and guests read only. The server's answer on the socket (the
// document opened read-only) wins over cached metadata; after an archive the
// server reconnects the document and the metadata is fetched again.
import { useObservable } from "../state/observable.ts";
import type { DocumentReplica } from "../sync/document-replica.ts";
import { useServices } from "./services.tsx";

export interface WriteAccess {
  writable: boolean;
  /** Why not, in words; null when writable. */
  reason: string | null;
}

export const ARCHIVED_REASON = "This channel is archived: it is read-only.";
export const READ_ONLY_REASON = "You can read this channel but not write in it.";
export const REFUSED_REASON =
  "The server refused a change made here, so this channel stopped syncing. Your copy is kept; reload the page to load the server's.";

export function useWriteAccess(replica: DocumentReplica): WriteAccess {
  const { store } = useServices();
  const channels = useObservable(store.channels);
  const readOnly = useObservable(replica.readOnly);
  const refused = useObservable(replica.refused);
  const channel = channels.find((c) => c.id === replica.channelId);
  if (refused) return { writable: false, reason: REFUSED_REASON };
  if (channel?.archived === true) return { writable: false, reason: ARCHIVED_REASON };
  if (readOnly === true || channel?.writable === false) {
    return { writable: false, reason: READ_ONLY_REASON };
  }
  return { writable: true, reason: null };
}
