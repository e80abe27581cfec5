// A channel: its threads by last activity (with what is unread in each), read from the channel
// document's index and the thread documents held here (use-channel.ts), its Context panel (the
// shared memory, opened on demand), and a composer that starts a new thread (its own thread
// document, titled by its first line when not given) or continues the latest.
import { createSplitThread, postMessage, type ThreadIndexSummary } from "@openvibe/schema";
import { type ReactNode, useEffect, useState } from "react";
import { directMessageName, isDirectMessage } from "../state/channel-label.ts";
import { useObservable } from "../state/observable.ts";
import { threadHeld } from "../sync/thread-held.ts";
import { ContextPanel } from "./context-items/ContextPanel.tsx";
import { firstScreenShown } from "./first-screen.ts";
import { KeptCopyNotices } from "./kept-copies/KeptCopyNotice.tsx";
import { NotOpenedNotice } from "./NotOpenedNotice.tsx";
import { navigate } from "./navigation.ts";
import { PinnedList } from "./PinnedList.tsx";
import { useServices, useSignedIn } from "./services.tsx";
import { ThreadList } from "./ThreadList.tsx";
import { useChannelThreads, useReplica } from "./use-channel.ts";
import { useOperation } from "./use-operation.ts";
import { useWriteAccess } from "./use-write-access.ts";

/** Where the channel composer posts: a new thread, or the thread with the latest activity. */
type PostTarget = "new" | "latest";

/**
 * The channel's composer. A new thread needs no title (its first line is taken: quick posting),
 * or the message continues the latest thread, as the person chooses.
 */
function NewThreadForm({
  channelId,
  latest,
}: {
  channelId: string;
  latest: ThreadIndexSummary | undefined;
}): ReactNode {
  const { actor, replicas } = useSignedIn();
  const operation = useOperation();
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [target, setTarget] = useState<PostTarget>("new");
  const continuing = target === "latest" && latest !== undefined;
  return (
    <form
      className="new-thread"
      onSubmit={async (event) => {
        event.preventDefault();
        let threadId = latest?.id ?? "";
        const open = (id: string) => replicas.openThread(channelId, id, { visible: true });
        // The latest thread's document may not be held here yet: wait for it.
        if (continuing && !(await threadHeld(open(threadId)))) return;
        const posted = operation.run(() => {
          if (continuing) postMessage(open(threadId).doc, actor, { threadId, body });
          else threadId = createSplitThread((id) => open(id).doc, actor, { title, body }).threadId;
        });
        if (posted) navigate({ screen: "thread", channelId, threadId, forkId: null });
      }}
    >
      <h2>{continuing ? "Continue a thread" : "New thread"}</h2>
      {latest !== undefined && (
        <label className="post-target">
          Post in{" "}
          <select
            value={continuing ? "latest" : "new"}
            onChange={(event) => setTarget(event.target.value === "latest" ? "latest" : "new")}
          >
            <option value="new">a new thread</option>
            <option value="latest">the latest thread, {latest.title}</option>
          </select>
        </label>
      )}
      {!continuing && (
        <input
          aria-label="Thread title"
          placeholder="Title (optional: the first line is used)"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
      )}
      <textarea
        aria-label="First message"
        placeholder={continuing ? "Message (Markdown)" : "First message (Markdown)"}
        value={body}
        rows={3}
        onChange={(event) => setBody(event.target.value)}
      />
      <button type="submit">{continuing ? "Post" : "Start thread"}</button>
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
  const synced = useObservable(replica.synced);
  const threads = useChannelThreads(channelId);
  // Up once it lists threads: from the local copy, or (none held here yet: a first sign-in)
  // from the server's answer; offline, what the device holds.
  const showing = loaded && (threads.length > 0 || synced || !navigator.onLine);
  useEffect(() => {
    if (showing) firstScreenShown();
  }, [showing]);
  const access = useWriteAccess(replica);
  const [contextOpen, setContextOpen] = useState(false);
  const [pinnedOpen, setPinnedOpen] = useState(false);
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
        <button
          type="button"
          className="context-toggle"
          aria-expanded={contextOpen}
          onClick={() => setContextOpen(!contextOpen)}
        >
          Context
        </button>
        <button
          type="button"
          className="pinned-toggle"
          aria-expanded={pinnedOpen}
          onClick={() => setPinnedOpen(!pinnedOpen)}
        >
          Pinned
        </button>
      </header>
      {contextOpen && <ContextPanel channelId={channelId} />}
      {pinnedOpen && <PinnedList channelId={channelId} threads={threads} />}
      <KeptCopyNotices channelId={channelId} writable={access.writable} />
      <NotOpenedNotice replica={replica} />
      {!loaded && <p className="empty">Loading…</p>}
      <ThreadList channelId={channelId} threads={threads} />
      {access.writable ? (
        <NewThreadForm channelId={channelId} latest={threads[0]} />
      ) : (
        <p className="composer-note">{access.reason}</p>
      )}
    </section>
  );
}
