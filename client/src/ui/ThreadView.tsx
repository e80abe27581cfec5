// A thread, read from its thread document (`thread:<channelId>:<threadId>`; every operation
// writes there): its main line in schema order (with a "New" divider above what was unread when
// it was opened), who is here and who is typing, a composer (read-only with a reason where
// writing is not allowed), and the fork panel (Esc closes it).
import {
  createFork,
  MAX_ATTACHMENTS_PER_MESSAGE,
  type MessageView,
  postMessage,
  requestThreadSummary,
  threadView,
} from "@openvibe/schema";
import { type ReactNode, useEffect, useState } from "react";
import { draftKey } from "../local/drafts.ts";
import { useObservable } from "../state/observable.ts";
import type { DocumentReplica } from "../sync/document-replica.ts";
import { ChannelFullNotice } from "./ChannelFullNotice.tsx";
import { Composer } from "./Composer.tsx";
import { ForkPanel } from "./ForkPanel.tsx";
import { useComposerFiles } from "./files/use-composer-files.ts";
import { firstScreenShown } from "./first-screen.ts";
import { forkOffer } from "./fork-offer.ts";
import { KeptCopyNotices } from "./kept-copies/KeptCopyNotice.tsx";
import { MessageList } from "./MessageList.tsx";
import { useNewDivider } from "./NewDivider.tsx";
import { NotOpenedNotice } from "./NotOpenedNotice.tsx";
import { navigate } from "./navigation.ts";
import { OnlineHere, TypingIndicator } from "./Presence.tsx";
import { useSignedIn } from "./services.tsx";
import { ThreadNotHeld } from "./ThreadNotHeld.tsx";
import { ThreadTitle } from "./ThreadTitle.tsx";
import { useChannelView, useThreadReplica } from "./use-channel.ts";
import { useOperation } from "./use-operation.ts";
import { useWorkspaceSettings } from "./use-workspace-settings.ts";
import { useWriteAccess } from "./use-write-access.ts";
import "./thread.css";
import { useLinkedMessage } from "./message-link.ts";

export interface ThreadViewProps {
  channelId: string;
  threadId: string;
  forkId: string | null;
}

/** The newest message of `authorId` that may still be edited. */
export function lastEditable(messages: readonly MessageView[], authorId: string): string | null {
  const mine = messages.findLast(
    (m) => m.author.id === authorId && !m.deleted && m.task === null && m.kind === "message",
  );
  return mine?.id ?? null;
}

/** Typing state for the composer of a list: set while text is written, cleared on send. */
export function typingReporter(replica: DocumentReplica, threadId: string) {
  return (typing: boolean) =>
    typing ? replica.presence.typed(threadId) : replica.presence.stopTyping();
}

function useEscape(active: boolean, onEscape: () => void): void {
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && !event.defaultPrevented) onEscape();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [active, onEscape]);
}

export function ThreadView({ channelId, threadId, forkId }: ThreadViewProps): ReactNode {
  const { actor } = useSignedIn();
  const settings = useWorkspaceSettings();
  const { forkLabel } = settings;
  const replica = useThreadReplica(channelId, threadId);
  const access = useWriteAccess(replica);
  const operation = useOperation();
  const [editingId, setEditingId] = useState<string | null>(null);
  const view = useChannelView(replica, (r) => threadView(r.doc, threadId));
  const openFork = (id: string | null) =>
    navigate({ screen: "thread", channelId, threadId, forkId: id });
  useEscape(forkId !== null, () => openFork(null));
  const linkedId = useLinkedMessage();
  const files = useComposerFiles(channelId, MAX_ATTACHMENTS_PER_MESSAGE);
  // The divider waits for the server's copy (or, offline, the local one): a copy still syncing
  // holds only part of what is new.
  const synced = useObservable(replica.synced);
  const divider = useNewDivider(
    { channelId, threadId },
    synced || !navigator.onLine ? view?.messages : undefined,
  );

  const showing = view !== undefined;
  useEffect(() => {
    if (showing) firstScreenShown();
  }, [showing]);

  if (view === undefined) return <ThreadNotHeld replica={replica} />;
  const writable = access.writable && view.thread.status !== "archived";
  const offer = forkOffer(settings, view);
  return (
    <div className="thread-layout">
      <section className="thread" aria-label={`Thread ${view.thread.title}`}>
        <header>
          <button type="button" onClick={() => navigate({ screen: "channel", channelId })}>
            ← Threads
          </button>
          <ThreadTitle replica={replica} thread={view.thread} writable={writable} />
          <OnlineHere replica={replica} />
          {writable && (
            <button
              type="button"
              onClick={() =>
                operation.run(() => requestThreadSummary(replica.doc, actor, { threadId }))
              }
            >
              Summarise thread
            </button>
          )}
        </header>
        <ChannelFullNotice replica={replica} />
        <NotOpenedNotice replica={replica} />
        <KeptCopyNotices channelId={channelId} writable={access.writable} />
        <MessageList
          label="Messages"
          messages={view.messages}
          revealId={linkedId}
          divider={divider}
          replica={replica}
          forkLabel={forkLabel}
          writable={writable}
          editingId={editingId}
          onEditingChange={setEditingId}
          onOpenFork={openFork}
          onFork={
            offer.offered
              ? (messageId) =>
                  operation.run(() => openFork(createFork(replica.doc, actor, { messageId })))
              : undefined
          }
          forkRefusal={offer.offered ? offer.refusal : null}
        />
        {operation.error !== null && <p className="error">{operation.error}</p>}
        <TypingIndicator replica={replica} threadId={threadId} messages={view.messages} />
        <Composer
          draftKey={draftKey(channelId, threadId, null)}
          label="Reply"
          disabled={!writable}
          disabledReason={access.reason ?? "This thread is archived: it is read-only."}
          onTyping={typingReporter(replica, threadId)}
          onEditLast={() => setEditingId(lastEditable(view.messages, actor.id))}
          files={files}
          onSend={(body, attachments) =>
            operation.run(() => postMessage(replica.doc, actor, { threadId, body, attachments }))
          }
        />
      </section>
      {forkId !== null && (
        <ForkPanel
          replica={replica}
          forkId={forkId}
          revealId={linkedId}
          forkLabel={forkLabel}
          writable={writable}
          onClose={() => openFork(null)}
        />
      )}
    </div>
  );
}
