// What a reader may do with a message: react, copy a link to it, pin, fork
// from it, and edit or delete it when it is theirs.
import {
  deleteMessage,
  type MessageView,
  pinMessage,
  react,
  unpinMessage,
  unreact,
} from "@openvibe/schema";
import type { ReactNode } from "react";
import type { ChannelReplica } from "../sync/channel-replica.ts";
import { ConfirmButton } from "./ConfirmButton.tsx";
import { CopyLinkButton } from "./CopyLinkButton.tsx";
import { useSignedIn } from "./services.tsx";
import type { OperationRunner } from "./use-operation.ts";

const QUICK_REACTIONS = ["👍", "❤️", "😄", "🎉"];

export interface MessageActionsProps {
  message: MessageView;
  replica: ChannelReplica;
  forkLabel: string;
  operation: OperationRunner;
  editing: boolean;
  onEditingChange(editing: boolean): void;
  onFork?: ((messageId: string) => void) | undefined;
  forkRefusal?: string | null;
  writable: boolean;
}

/** Reactions someone gave stay in sight; the empty ones show with the other actions. */
function reactionClass(given: boolean, reacted: boolean): string {
  return ["reaction", given ? "given" : "", reacted ? "reacted" : ""].filter(Boolean).join(" ");
}

/**
 * The quick reactions with the ones someone gave first: those stay in sight while the others
 * show only with the message's actions, so they keep their place at the start of the row.
 */
function givenFirst(
  emojis: readonly string[],
  given: readonly { emoji: string }[],
): readonly string[] {
  const isGiven = (emoji: string) => given.some((group) => group.emoji === emoji);
  return [...emojis.filter(isGiven), ...emojis.filter((emoji) => !isGiven(emoji))];
}

function Reactions({ message, replica, operation }: MessageActionsProps): ReactNode {
  const { actor } = useSignedIn();
  const doc = replica.doc;
  return (
    <span className="reactions">
      {givenFirst(QUICK_REACTIONS, message.reactions).map((emoji) => {
        const group = message.reactions.find((r) => r.emoji === emoji);
        const reacted = group?.actorIds.includes(actor.id) ?? false;
        const input = { messageId: message.id, emoji };
        return (
          <button
            key={emoji}
            type="button"
            className={reactionClass(group !== undefined, reacted)}
            aria-pressed={reacted}
            // The name starts with what the button shows ("👍 2"), so speech input finds it.
            aria-label={group === undefined ? `React ${emoji}` : `${emoji} ${group.count}, react`}
            onClick={() =>
              operation.run(() => (reacted ? unreact(doc, actor, input) : react(doc, actor, input)))
            }
          >
            {emoji} {group === undefined ? "" : group.count}
          </button>
        );
      })}
    </span>
  );
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
