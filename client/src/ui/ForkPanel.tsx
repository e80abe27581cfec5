// A fork in a side panel (a full screen on narrow screens): its parent message, its messages,
// a composer while it is open, and Resolve (with a resolution text) or Abandon. Opening it
// moves focus to its heading; Esc (handled by the thread), × or "← Thread" closes it.
import {
  abandonFork,
  forkView,
  postMessage,
  requestForkSummary,
  resolveFork,
} from "@openvibe/schema";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { draftKey } from "../local/drafts.ts";
import type { DocumentReplica } from "../sync/document-replica.ts";
import { Composer } from "./Composer.tsx";
import { ConfirmButton } from "./ConfirmButton.tsx";
import { MessageList } from "./MessageList.tsx";
import { Markdown } from "./markdown/Markdown.tsx";
import { useSignedIn } from "./services.tsx";
import { typingReporter } from "./ThreadView.tsx";
import { useChannelView } from "./use-channel.ts";
import { useOperation } from "./use-operation.ts";

export interface ForkPanelProps {
  replica: DocumentReplica;
  forkId: string;
  /** A message to scroll to and highlight (from a message link). */
  revealId: string | null;
  forkLabel: string;
  writable: boolean;
  onClose(): void;
}

export function ForkPanel(props: ForkPanelProps): ReactNode {
  const { replica, forkId, revealId, forkLabel, writable, onClose } = props;
  const { actor } = useSignedIn();
  const operation = useOperation();
  const [resolving, setResolving] = useState(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves when another fork opens
  useEffect(() => heading.current?.focus(), [forkId]);
  const view = useChannelView(replica, (r) => forkView(r.doc, forkId));
  const doc = replica.doc;
  if (view === undefined) {
    return (
      <aside className="fork-panel" aria-label={forkLabel}>
        <p>This {forkLabel.toLowerCase()} has not arrived yet.</p>
      </aside>
    );
  }
  const { fork } = view;
  const open = fork.status === "open" && writable;
  const key = draftKey(replica.channelId, fork.threadId, forkId);
  return (
    <aside className="fork-panel" aria-label={forkLabel}>
      <header>
        {/* On a narrow screen the panel is a screen of its own, left by this back control. */}
        <button type="button" className="narrow-only" onClick={onClose}>
          ← Thread
        </button>
        <h2 ref={heading} tabIndex={-1}>
          {forkLabel}: {fork.title}
        </h2>
        <span className={`status status-${fork.status}`}>{fork.status}</span>
        <button
          type="button"
          className="wide-only"
          onClick={onClose}
          aria-label={`Close ${forkLabel}`}
        >
          ×
        </button>
      </header>
      {view.parent !== null && (
        <blockquote className="fork-parent">
          <Markdown text={view.parent.body} />
        </blockquote>
      )}
      <MessageList
        label={`${forkLabel} messages`}
        messages={view.messages}
        revealId={revealId}
        replica={replica}
        forkLabel={forkLabel}
        writable={writable}
        editingId={editingId}
        onEditingChange={setEditingId}
      />
      {fork.resolution !== null && (
        <section className="resolution">
          <h3>Resolution</h3>
          <Markdown text={fork.resolution.text} />
        </section>
      )}
      {open && (
        <>
          <Composer
            draftKey={key}
            label={`Message in this ${forkLabel.toLowerCase()}`}
            onTyping={typingReporter(replica, fork.threadId)}
            onSend={(body) =>
              operation.run(() =>
                postMessage(doc, actor, { threadId: fork.threadId, forkId, body }),
              )
            }
          />
          {resolving ? (
            <Composer
              draftKey={`${key}/resolution`}
              label="Resolution"
              onSend={(resolution) =>
                operation.run(() => resolveFork(doc, actor, { forkId, resolution }))
              }
            />
          ) : (
            <div className="fork-actions">
              <button
                type="button"
                onClick={() => operation.run(() => requestForkSummary(doc, actor, { forkId }))}
              >
                Resolve with a summary
              </button>
              <button type="button" onClick={() => setResolving(true)}>
                Resolve
              </button>
              <ConfirmButton
                label="Abandon"
                question={`Abandon this ${forkLabel.toLowerCase()}? It stays, read-only.`}
                confirmLabel="Yes, abandon"
                onConfirm={() => operation.run(() => abandonFork(doc, actor, { forkId }))}
              />
            </div>
          )}
        </>
      )}
      {operation.error !== null && <p className="error">{operation.error}</p>}
    </aside>
  );
}
