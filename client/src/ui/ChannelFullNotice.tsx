// On a thread started on this device that the server refused because its channel holds the most
// threads the server allows (`channel-full`): says so, that the text is kept here, and when it is
// tried again, rather than a thread that looks as if it were only syncing.
import type { ReactNode } from "react";
import { useObservable } from "../state/observable.ts";
import type { DocumentReplica } from "../sync/document-replica.ts";

export function ChannelFullNotice({ replica }: { replica: DocumentReplica }): ReactNode {
  const full = useObservable(replica.channelFull);
  if (!full) return null;
  return (
    <p className="offline-notice channel-full-notice" role="alert">
      The server refused this thread: the channel holds the most threads it allows. Your text is
      kept on this device; it is sent again when you reconnect or reload (an admin can raise the
      limit, or archive old threads).
    </p>
  );
}
