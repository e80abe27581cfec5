// What a reader may do with a message: react (reactions/), copy a link to it, pin, remember it
// (a context item), fork from it, and edit or delete it when it is theirs.
import { deleteMessage, type MessageView, pinMessage, unpinMessage } from "@openvibe/schema";
import type { ReactNode } from "react";
import type { DocumentReplica } from "../sync/document-replica.ts";
import { ConfirmButton } from "./ConfirmButton.tsx";
import { CopyLinkButton } from "./CopyLinkButton.tsx";
import { RememberButton } from "./context-items/RememberButton.tsx";
import { Reactions } from "./reactions/Reactions.tsx";
import { useSignedIn } from "./services.tsx";
import type { OperationRunner } from "./use-operation.ts";

export interface MessageActionsProps {
  message: MessageView;
  replica: DocumentReplica;
  forkLabel: string;
  operation: OperationRunner;
  editing: boolean;
  onEditingChange(editing: boolean): void;
  onFork?: ((messageId: string) => void) | undefined;
  forkRefusal?: string | null;
  writable: boolean;
}

export function MessageActions(props: MessageActionsProps): ReactNode {
  const { message, replica, forkLabel, operation, editing, onEditingChange, onFork } = props;
  const { actor, me } = useSignedIn();
  const doc = replica.doc;
  // Admins moderate: they remove others' pins and tombstone others' messages (never edit them).
  const moderator = me.role === "admin";
  const input = { messageId: message.id, moderator };
  const mine = message.author.id === actor.id;
  const address = {
    channelId: replica.channelId,
    threadId: message.threadId,
    forkId: message.forkId,
    messageId: message.id,
  };
  if (!props.writable) {
    return (
      <div className="actions">
        <Reactions {...props} />
        <CopyLinkButton address={address} />
      </div>
    );
  }
  return (
    <div className="actions">
      <Reactions {...props} />
      <CopyLinkButton address={address} />
      <button
        type="button"
        onClick={() =>
          operation.run(() =>
            message.pinned ? unpinMessage(doc, actor, input) : pinMessage(doc, actor, input),
          )
        }
      >
        {message.pinned ? "Unpin" : "Pin"}
      </button>
      <RememberButton channelId={replica.channelId} message={message} />
      {onFork !== undefined && message.kind === "message" && (
        <button
          type="button"
          disabled={props.forkRefusal != null}
          title={props.forkRefusal ?? undefined}
          onClick={() => onFork(message.id)}
        >
          {forkLabel} from here
        </button>
      )}
      {mine && message.task === null && (
        <button type="button" onClick={() => onEditingChange(!editing)}>
          {editing ? "Cancel edit" : "Edit"}
        </button>
      )}
      {((mine && message.task === null) || moderator) && (
        <ConfirmButton
          label="Delete"
          question={mine ? "Delete your message?" : "Delete this message for everyone?"}
          confirmLabel="Yes, delete"
          onConfirm={() => operation.run(() => deleteMessage(doc, actor, input))}
        />
      )}
    </div>
  );
}
