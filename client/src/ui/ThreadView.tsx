// A thread: its main line in schema order, a composer, and the fork panel.
import { createFork, postMessage, threadView } from "@openvibe/schema";
import type { ReactNode } from "react";
import { draftKey } from "../local/drafts.ts";
import { useObservable } from "../state/observable.ts";
import { Composer } from "./Composer.tsx";
import { ForkPanel } from "./ForkPanel.tsx";
import { MessageList, observeArrivals } from "./MessageList.tsx";
import { navigate } from "./navigation.ts";
import { useServices, useSignedIn } from "./services.tsx";
import { useChannelView, useReplica } from "./use-channel.ts";
import { useOperation } from "./use-operation.ts";

export interface ThreadViewProps {
  channelId: string;
  threadId: string;
  forkId: string | null;
}

export function ThreadView({ channelId, threadId, forkId }: ThreadViewProps): ReactNode {
  const { actor } = useSignedIn();
  const { store } = useServices();
  useObservable(store.workspace);
  const { forkLabel } = store.settings();
  const replica = useReplica(channelId);
  const loaded = useObservable(replica.loaded);
  const operation = useOperation();
  const view = useChannelView(replica, (r) => {
    const thread = threadView(r.doc, threadId);
    if (thread !== undefined) observeArrivals(r, `thread:${threadId}`, thread.messages);
    return thread;
  });
  const openFork = (id: string | null) =>
    navigate({ screen: "thread", channelId, threadId, forkId: id });

  if (view === undefined) {
    return <p className="empty">{loaded ? "This thread has not arrived yet." : "Loading…"}</p>;
  }
  return (
    <div className="thread-layout">
      <section className="thread" aria-label={`Thread ${view.thread.title}`}>
        <header>
          <button type="button" onClick={() => navigate({ screen: "channel", channelId })}>
            ← Threads
          </button>
          <h1>{view.thread.title}</h1>
        </header>
        <MessageList
          label="Messages"
          messages={view.messages}
          replica={replica}
          forkLabel={forkLabel}
          onOpenFork={openFork}
          onFork={(messageId) =>
            operation.run(() => openFork(createFork(replica.doc, actor, { messageId })))
          }
        />
        {operation.error !== null && <p className="error">{operation.error}</p>}
        <Composer
          draftKey={draftKey(channelId, threadId, null)}
          label="Reply"
          disabled={view.thread.status === "archived"}
          onSend={(body) =>
            operation.run(() => postMessage(replica.doc, actor, { threadId, body }))
          }
        />
      </section>
      {forkId !== null && (
        <ForkPanel
          replica={replica}
          forkId={forkId}
          forkLabel={forkLabel}
          onClose={() => openFork(null)}
        />
      )}
    </div>
  );
}
