// One message: author (agents badged, with model and running state), time,
// "sent while offline" marker, Markdown body, reactions, pin, fork markers,
// and the actions its reader may take.
import {
  deleteMessage,
  editMessage,
  type MessageView,
  pinMessage,
  react,
  stampWallTime,
  unpinMessage,
  unreact,
} from "@openvibe/schema";
import { type ReactNode, useState } from "react";
import { isSentWhileOffline } from "../sync/arrivals.ts";
import type { ChannelReplica } from "../sync/channel-replica.ts";
import { Composer } from "./Composer.tsx";
import { Markdown } from "./Markdown.tsx";
import { StampTime } from "./StampTime.tsx";
import { usePeopleById, useSignedIn } from "./services.tsx";
import { useOperation } from "./use-operation.ts";

const QUICK_REACTIONS = ["👍", "❤️", "😄", "🎉"];

export interface MessageItemProps {
  message: MessageView;
  replica: ChannelReplica;
  forkLabel: string;
  /** Absent inside a fork, where messages cannot be forked from. */
  onFork?: (messageId: string) => void;
  onOpenFork?: (forkId: string) => void;
}

function AgentStatus({ message }: { message: MessageView }): ReactNode {
  const task = message.task;
  if (task === null) return null;
  const running = task.status === "queued" || task.status === "running";
  return (
    <span className="agent-status">
      {task.model !== null && <span className="model">{task.model}</span>}
      {running && <span className="running">writing…</span>}
      {task.status === "failed" && <span className="failed">failed: {task.error}</span>}
    </span>
  );
}

export function MessageItem(props: MessageItemProps): ReactNode {
  const { message, replica, forkLabel, onFork, onOpenFork } = props;
  const { actor } = useSignedIn();
  const people = usePeopleById();
  const operation = useOperation();
  const [editing, setEditing] = useState(false);
  const doc = replica.doc;
  const mine = message.author.id === actor.id;
  const author = people.get(message.author.id)?.displayName ?? message.author.id;
  const written = stampWallTime(message.createdAt);
  const arrived = replica.arrivals.arrivedAt(message.id);
  const offline = written !== undefined && isSentWhileOffline(written, arrived);
  const toggleReaction = (emoji: string, reacted: boolean) =>
    operation.run(() =>
      reacted
        ? unreact(doc, actor, { messageId: message.id, emoji })
        : react(doc, actor, { messageId: message.id, emoji }),
    );

  return (
    <li className={`message kind-${message.author.kind}`} data-message-id={message.id}>
      <header>
        <span className="author">{author}</span>
        {message.author.kind === "agent" && <span className="badge">Agent</span>}
        <AgentStatus message={message} />
        <StampTime stamp={message.createdAt} />
        {offline && <span className="offline-marker">sent while offline</span>}
        {message.edited && <span className="edited">(edited)</span>}
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
          onSend={(body) => {
            const done = operation.run(() =>
              editMessage(doc, actor, { messageId: message.id, body }),
            );
            if (done) setEditing(false);
            return done;
          }}
        />
      ) : (
        <Markdown text={message.body} />
      )}
      {!message.deleted && (
        <div className="actions">
          {QUICK_REACTIONS.map((emoji) => {
            const group = message.reactions.find((r) => r.emoji === emoji);
            const reacted = group?.actorIds.includes(actor.id) ?? false;
            return (
              <button
                key={emoji}
                type="button"
                className={reacted ? "reaction reacted" : "reaction"}
                aria-pressed={reacted}
                aria-label={
                  group === undefined ? `React ${emoji}` : `React ${emoji} (${group.count})`
                }
                onClick={() => toggleReaction(emoji, reacted)}
              >
                {emoji} {group === undefined ? "" : group.count}
              </button>
            );
          })}
          <button
            type="button"
            onClick={() =>
              operation.run(() =>
                message.pinned
                  ? unpinMessage(doc, actor, { messageId: message.id })
                  : pinMessage(doc, actor, { messageId: message.id }),
              )
            }
          >
            {message.pinned ? "Unpin" : "Pin"}
          </button>
          {onFork !== undefined && message.kind === "message" && (
            <button type="button" onClick={() => onFork(message.id)}>
              {forkLabel} from here
            </button>
          )}
          {mine && (
            <>
              <button type="button" onClick={() => setEditing(!editing)}>
                {editing ? "Cancel edit" : "Edit"}
              </button>
              <button
                type="button"
                onClick={() =>
                  operation.run(() => deleteMessage(doc, actor, { messageId: message.id }))
                }
              >
                Delete
              </button>
            </>
          )}
        </div>
      )}
      {operation.error !== null && <p className="error">{operation.error}</p>}
      {message.forks.length > 0 && (
        <ul className="fork-markers">
          {message.forks.map((fork) => (
            <li key={fork.forkId}>
              <button type="button" onClick={() => onOpenFork?.(fork.forkId)}>
                {forkLabel}: {fork.title} · {fork.status} · {fork.messageCount} messages
              </button>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
