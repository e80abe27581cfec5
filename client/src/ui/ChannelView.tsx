// A channel: its threads by last activity (with what is unread in each), and a form to start
// a new one.
import { createThread, listThreads } from "@openvibe/schema";
import { type ReactNode, useState } from "react";
import { directMessageName, isDirectMessage } from "../state/channel-label.ts";
import { useObservable } from "../state/observable.ts";
import { useUnread } from "./attention/context.ts";
import { KeptCopyNotices } from "./kept-copies/KeptCopyNotice.tsx";
import { Link } from "./Link.tsx";
import { navigate } from "./navigation.ts";
import { StampTime } from "./StampTime.tsx";
import { useServices, useSignedIn } from "./services.tsx";
import { UnreadBadges } from "./sidebar/Badges.tsx";
import { useChannelView, useReplica } from "./use-channel.ts";
import { useOperation } from "./use-operation.ts";
import { useWriteAccess } from "./use-write-access.ts";

function NewThreadForm({ channelId }: { channelId: string }): ReactNode {
  const { actor } = useSignedIn();
  const replica = useReplica(channelId);
  const operation = useOperation();
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  return (
    <form
      className="new-thread"
      onSubmit={(event) => {
        event.preventDefault();
        let threadId = "";
        const created = operation.run(() => {
          threadId = createThread(replica.doc, actor, { title, body }).threadId;
        });
        if (created) navigate({ screen: "thread", channelId, threadId, forkId: null });
      }}
    >
      <h2>New thread</h2>
      <input
        aria-label="Thread title"
        placeholder="Title"
        value={title}
        onChange={(event) => setTitle(event.target.value)}
      />
      <textarea
        aria-label="First message"
        placeholder="First message (Markdown)"
        value={body}
        rows={3}
        onChange={(event) => setBody(event.target.value)}
      />
      <button type="submit">Start thread</button>
      {operation.error !== null && <p className="error">{operation.error}</p>}
    </form>
  );
}

export function ChannelView({ channelId }: { channelId: string }): ReactNode {
  const { store } = useServices();
  const channels = useObservable(store.channels);
  const people = useObservable(store.people);
  const { me } = useSignedIn();
  const channel = channels.find((c) => c.id === channelId);
  const replica = useReplica(channelId);
  const loaded = useObservable(replica.loaded);
  const threads = useChannelView(replica, (r) => listThreads(r.doc));
  const access = useWriteAccess(replica);
  const unread = useUnread().get(channelId)?.threads ?? [];
  return (
    <section className="channel" aria-label={`Channel ${channel?.name ?? channelId}`}>
      <header>
        <h1>
          {channel === undefined
            ? channelId
            : isDirectMessage(channel)
              ? directMessageName(channel, people, me.id)
              : `# ${channel.name}`}
        </h1>
        {channel?.topic !== undefined && channel.topic !== "" && (
          <p className="topic">{channel.topic}</p>
        )}
      </header>
      <KeptCopyNotices channelId={channelId} writable={access.writable} />
      {!loaded && <p className="empty">Loading…</p>}
      <ul className="threads" aria-label="Threads">
        {threads.map((thread) => {
          const counts = unread.find((each) => each.threadId === thread.id);
          return (
            <li key={thread.id}>
              <Link to={{ screen: "thread", channelId, threadId: thread.id, forkId: null }}>
                <span className="title">{thread.title}</span>
                <UnreadBadges
                  unread={counts?.unread ?? 0}
                  mentions={counts?.mentions.length ?? 0}
                />
                <span className="meta">
                  {thread.messageCount} messages · <StampTime stamp={thread.lastActivityAt} />
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
      {access.writable ? (
        <NewThreadForm channelId={channelId} />
      ) : (
        <p className="composer-note">{access.reason}</p>
      )}
    </section>
  );
}
