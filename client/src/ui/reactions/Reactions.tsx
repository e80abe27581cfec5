// A message's reactions: every emoji someone gave (any emoji), then the reader's recent ones
// on offer (shown with the message's actions), then "Add reaction", which opens the picker.
// Reacting through the picker or a pill puts that emoji first in the reader's recent ones.
import { type MessageView, react, unreact } from "@openvibe/schema";
import { type ReactNode, useRef, useState } from "react";
import { useObservable } from "../../state/observable.ts";
import type { DocumentReplica } from "../../sync/document-replica.ts";
import { EmojiPicker } from "../emoji/EmojiPicker.tsx";
import { recentEmoji, usedEmoji } from "../emoji/recent-emoji.ts";
import { usePeopleById, useSignedIn } from "../services.tsx";
import type { OperationRunner } from "../use-operation.ts";
import { ReactionButton } from "./ReactionButton.tsx";
import { whoReacted } from "./who-reacted.ts";

/** How many of the reader's recent emoji a message offers beside those given. */
const OFFERED = 4;

export interface ReactionsProps {
  message: MessageView;
  replica: DocumentReplica;
  operation: OperationRunner;
}

export function Reactions({ message, replica, operation }: ReactionsProps): ReactNode {
  const { actor, me } = useSignedIn();
  const people = usePeopleById();
  const recent = useObservable(recentEmoji(me.id));
  const [picking, setPicking] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const given = message.reactions;
  const offered = recent.filter((emoji) => !given.some((group) => group.emoji === emoji));
  const reactedWith = (emoji: string) =>
    given.find((group) => group.emoji === emoji)?.actorIds.includes(actor.id) ?? false;
  const toggle = (emoji: string) => {
    const input = { messageId: message.id, emoji };
    const reacted = reactedWith(emoji);
    const done = operation.run(() =>
      reacted ? unreact(replica.doc, actor, input) : react(replica.doc, actor, input),
    );
    if (done && !reacted) usedEmoji(me.id, emoji);
  };
  const nameOf = (id: string) => people.get(id)?.displayName ?? id;
  return (
    <span className="reactions">
      {given.map((group) => (
        <ReactionButton
          key={group.emoji}
          emoji={group.emoji}
          count={group.count}
          reacted={group.actorIds.includes(actor.id)}
          who={whoReacted(group.emoji, group.actorIds, actor.id, nameOf)}
          onToggle={() => toggle(group.emoji)}
        />
      ))}
      {offered.slice(0, OFFERED).map((emoji) => (
        <ReactionButton
          key={emoji}
          emoji={emoji}
          count={null}
          reacted={false}
          who={null}
          onToggle={() => toggle(emoji)}
        />
      ))}
      <button
        type="button"
        ref={addButton}
        className="reaction add-reaction"
        aria-haspopup="dialog"
        aria-expanded={picking}
        onClick={() => setPicking(true)}
      >
        <span aria-hidden="true">☺+</span>
        <span className="visually-hidden">Add reaction</span>
      </button>
      {picking && (
        <EmojiPicker
          onPick={(emoji) => {
            setPicking(false);
            if (!reactedWith(emoji)) toggle(emoji);
            addButton.current?.focus();
          }}
          onClose={() => {
            setPicking(false);
            addButton.current?.focus();
          }}
        />
      )}
    </span>
  );
}
