// Where a channel or thread would be when the server would not open it for a reason the
// person can act on (sync/not-opened.ts), rather than a view that looks as if it were loading.

import { CONNECTION_DENIALS } from "@openvibe/schema";
import type { ReactNode } from "react";
import { useObservable } from "../state/observable.ts";
import type { DocumentReplica } from "../sync/document-replica.ts";
import type { NotOpenedReason } from "../sync/not-opened.ts";

const SAYS: Record<NotOpenedReason, string> = {
  [CONNECTION_DENIALS.tooManyDocuments]:
    "The server would not open this: you have as many channels and threads open as it allows " +
    "(in other tabs, on other devices, or through your scripts). Close some, then reload.",
  [CONNECTION_DENIALS.documentTooNew]:
    "The server would not open this: it was written by a newer version of OpenVibe than the " +
    "server runs. Ask an admin to upgrade the server.",
};

export function NotOpenedNotice({ replica }: { replica: DocumentReplica }): ReactNode {
  const reason = useObservable(replica.notOpened);
  if (reason === null) return null;
  return (
    <p className="offline-notice not-opened-notice" role="alert">
      {SAYS[reason]}
    </p>
  );
}
