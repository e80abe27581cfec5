// A thread whose document this device does not hold (yet): once its local copy was read and found
// without it, while it syncs, and offline when it was never held here, what the channel's index
// says of it (title, message count) rather than a blank screen; synced, and in no index, that it
// does not exist.
import type { ReactNode } from "react";
import { useObservable } from "../state/observable.ts";
import type { DocumentReplica } from "../sync/document-replica.ts";
import { useSignedIn } from "./services.tsx";
import { useChannelThreads } from "./use-channel.ts";

export function ThreadNotHeld({ replica }: { replica: DocumentReplica }): ReactNode {
  const loaded = useObservable(replica.loaded);
  // Until the thread's own copy is read (most often it holds the thread), the channel's document
  // is not opened for a summary: on a warm open, reading it (the whole channel's index) would
  // compete with the thread's read for IndexedDB and the main thread.
  if (!loaded) return <p className="empty">Loading…</p>;
  return <IndexSummary replica={replica} />;
}

function IndexSummary({ replica }: { replica: DocumentReplica }): ReactNode {
  const synced = useObservable(replica.synced);
  const online = useObservable(useSignedIn().replicas.socket.state) === "online";
  const summary = useChannelThreads(replica.channelId).find((t) => t.id === replica.threadId);
  // Synced without it: the server holds no such thread (opening it created none). Listed in the
  // channel's index, it exists and its content is on its way.
  const state =
    !online && !synced
      ? "Not available offline: this thread was not kept on this device."
      : !synced
        ? "Loading…"
        : summary === undefined
          ? "This thread does not exist (or was never synced)."
          : "This thread has not arrived yet.";
  if (summary === undefined) return <p className="empty">{state}</p>;
  return (
    <section className="thread thread-not-held" aria-label={`Thread ${summary.title}`}>
      <header>
        <h1>{summary.title}</h1>
      </header>
      <p className="meta">
        {summary.messageCount} messages · {state}
      </p>
    </section>
  );
}
