// One message: author (agents badged, with their reply's state), time,
// "sent while offline" marker, "edited" (opening the earlier versions),
// Markdown body, its link's preview, reactions, pin, fork markers,
// and the actions its reader may take. Memoised: a virtualised list renders on
// every scroll event, and its rows only change with the document (a change
// makes new message views); the Markdown body is parsed again only when its
// text changes.
import { editMessage, type MessageView, removeAttachment, sameActor } from "@openvibe/schema";
import { memo, type ReactNode, useMemo } from "react";
import type { DocumentReplica } from "../sync/document-replica.ts";
import { AgentReplyStatus, isRunning } from "./AgentReplyStatus.tsx";
import { Avatar } from "./Avatar.tsx";
import { Composer } from "./Composer.tsx";
import { EditedMarker } from "./edit-history/EditedMarker.tsx";
import { Attachments } from "./files/Attachments.tsx";
import { useFiles } from "./files/files-context.tsx";
import { LinkPreviewCard } from "./link-preview/LinkPreviewCard.tsx";
import { MessageActions } from "./MessageActions.tsx";
import { Foldable, isLongText } from "./markdown/Foldable.tsx";
import { Markdown } from "./markdown/Markdown.tsx";
import { StampTime } from "./StampTime.tsx";
import { usePeopleById, useSignedIn } from "./services.tsx";
import { ToolSteps } from "./tool-steps/ToolSteps.tsx";
import { useOperation } from "./use-operation.ts";

export interface MessageItemProps {
  message: MessageView;
  /** When the server received it, when that was long after it was written (sent offline). */
  lateArrivalAt?: number | undefined;
  replica: DocumentReplica;
  forkLabel: string;
  /** Whether this person may write here (reactions stay available to readers too). */
  writable: boolean;
  /** The message being edited in this list, if any. */
  editingId: string | null;
  onEditingChange(messageId: string | null): void;
  /** Absent inside a fork, where messages cannot be forked from, and while forks are turned off. */
  onFork?: ((messageId: string) => void) | undefined;
  /** Why forking is refused for now (the thread's open-fork limit); absent or null when allowed. */
  forkRefusal?: string | null;
  onOpenFork?: (forkId: string) => void;
}

function ForkMarkers(props: MessageItemProps): ReactNode {
  const { message, forkLabel, onOpenFork } = props;
  if (message.forks.length === 0) return null;
  return (
    <ul className="fork-markers" aria-label={`${forkLabel}s`}>
      {message.forks.map((fork) => (
        <li key={fork.forkId}>
          <button type="button" onClick={() => onOpenFork?.(fork.forkId)}>
            {forkLabel}: {fork.title} · {fork.status} · {fork.messageCount} messages
          </button>
        </li>
      ))}
    </ul>
  );
}

/** "sent while offline", with when it reached the server in its tooltip. */
function OfflineMarker({ lateArrivalAt }: { lateArrivalAt: number | undefined }): ReactNode {
  if (lateArrivalAt === undefined) return null;
  const arrived = new Date(lateArrivalAt).toLocaleString();
  return (
    <span className="offline-marker" title={`Reached the server ${arrived}`}>
      sent while offline
    </span>
  );
}

export const MessageItem = memo(function MessageItem(props: MessageItemProps): ReactNode {
  const { message, replica, forkLabel, editingId, onEditingChange } = props;
  const { actor, me } = useSignedIn();
  const people = usePeopleById();
  const operation = useOperation();
  const editing = editingId === message.id;
  const { outbox } = useFiles();
  const cancelUpload = (attachmentId: string) => {
    void outbox.remove(attachmentId);
    operation.run(() =>
      removeAttachment(replica.doc, actor, { messageId: message.id, attachmentId }),
    );
  };
  const author = people.get(message.author.id)?.displayName ?? message.author.id;
  // A reply still streaming stays unfolded: the reader watches it grow.
  const long = isLongText(message.body) && !isRunning(message);
  const body = useMemo(
    () => (
      <Foldable long={long}>
        <Markdown text={message.body} readerHandle={me.handle} />
      </Foldable>
    ),
    [message.body, me.handle, long],
  );

  return (
    <article className={`message kind-${message.author.kind}`} aria-label={`Message by ${author}`}>
      <header>
        <Avatar
          id={message.author.id}
          displayName={author}
          colour={people.get(message.author.id)?.avatarColor}
        />
        <span className="author">{author}</span>
        {message.author.kind === "agent" && <span className="badge">Agent</span>}
        <AgentReplyStatus message={message} replica={replica} />
        <StampTime stamp={message.createdAt} />
        <OfflineMarker lateArrivalAt={props.lateArrivalAt} />
        {message.edited && !message.deleted && <EditedMarker message={message} replica={replica} />}
        {message.pinned && <span className="pinned">📌 pinned</span>}
        {message.kind === "fork-summary" && <span className="summary">{forkLabel} resolution</span>}
      </header>
      {message.deleted ? (
        <p className="deleted">This message was deleted.</p>
      ) : editing ? (
        <Composer
          draftKey={`edit:${message.id}`}
          label="Edit message"
          initialText={message.body}
          autoFocus
          onSend={(body) => {
            const done = operation.run(() =>
              editMessage(replica.doc, actor, { messageId: message.id, body }),
            );
            if (done) onEditingChange(null);
            return done;
          }}
        />
      ) : (
        body
      )}
      {!message.deleted && (
        <Attachments
          attachments={message.attachments}
          onCancel={sameActor(message.author, actor) ? cancelUpload : undefined}
        />
      )}
      {!editing && (
        <LinkPreviewCard
          message={message}
          replica={replica}
          writable={props.writable}
          operation={operation}
        />
      )}
      {message.task !== null && <ToolSteps messageId={message.id} replica={replica} />}
      {!message.deleted && (
        <MessageActions
          {...props}
          operation={operation}
          editing={editing}
          onEditingChange={(next) => onEditingChange(next ? message.id : null)}
        />
      )}
      {operation.error !== null && <p className="error">{operation.error}</p>}
      <ForkMarkers {...props} />
    </article>
  );
});
