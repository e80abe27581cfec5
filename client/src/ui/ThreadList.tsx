// A channel's thread list: the threads its index lists (and those held here the index does not
// list yet), each with what is unread in it, then, once the person scrolls past the index's
// window, older threads paged from the server (kept for offline, older-threads.ts). A long list
// is rendered a screenful first, the rest after the first paint (use-rows-shown.ts).
import type { ThreadIndexSummary } from "@openvibe/schema";
import { memo, type ReactNode, useEffect, useMemo, useRef } from "react";
import { localDatabase } from "../local/database.ts";
import { useObservable } from "../state/observable.ts";
import { mayHaveOlderThreads, OlderThreads, olderSummaries } from "../state/older-threads.ts";
import type { ThreadUnread } from "../state/unread.ts";
import { useUnread } from "./attention/context.ts";
import { Link } from "./Link.tsx";
import { StampTime } from "./StampTime.tsx";
import { useSignedIn } from "./services.tsx";
import { UnreadBadges } from "./sidebar/Badges.tsx";
import { useRowsShown } from "./use-rows-shown.ts";

/**
 * One thread of the list. Memoised: a change of another channel's unread state (each of twenty
 * channels syncing at sign-in) leaves a thousand rows alone; its own counts are passed in.
 */
const ThreadItem = memo(function ThreadItem(props: {
  channelId: string;
  thread: ThreadIndexSummary;
  counts: ThreadUnread | undefined;
}): ReactNode {
  const { channelId, thread, counts } = props;
  return (
    <li>
      <Link to={{ screen: "thread", channelId, threadId: thread.id, forkId: null }}>
        <span className="title">{thread.title}</span>
        <UnreadBadges
          unread={counts?.unread ?? 0}
          mentions={counts?.mentionCount ?? 0}
          more={counts?.more ?? false}
        />
        <span className="meta">
          {thread.messageCount} messages · <StampTime stamp={thread.lastActivityAt} />
          {(thread.digest?.pinned.length ?? 0) > 0 && (
            <> · 📌 {thread.digest?.pinned.length} pinned</>
          )}
        </span>
      </Link>
    </li>
  );
});

/** Loads the next older page when its end comes into view (or its button is pressed). */
function OlderThreadsEnd(props: { older: OlderThreads; oldest: ThreadIndexSummary }): ReactNode {
  const { older, oldest } = props;
  const page = useObservable(older.page);
  const loading = useObservable(older.loading);
  const end = useRef<HTMLButtonElement | null>(null);
  const more = () => void older.more(oldest).catch(() => undefined);
  useEffect(() => {
    const element = end.current;
    if (element === null) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) void older.more(oldest).catch(() => {});
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [older, oldest]);
  if (page?.next === null) return null;
  return (
    <button ref={end} type="button" className="older-threads" disabled={loading} onClick={more}>
      {loading ? "Loading older threads…" : "Older threads"}
    </button>
  );
}

export function ThreadList(props: {
  channelId: string;
  threads: readonly ThreadIndexSummary[];
}): ReactNode {
  const { channelId, threads } = props;
  const { me } = useSignedIn();
  const older = useMemo(
    () => new OlderThreads(localDatabase, me.id, channelId),
    [me.id, channelId],
  );
  useEffect(() => void older.restore().catch(reportError), [older]);
  const page = useObservable(older.page);
  const olderThreads = olderSummaries(page?.threads ?? [], threads);
  const oldest = threads.at(-1);
  const unread = useUnread().get(channelId);
  const countsOf = useMemo(
    () => new Map(unread?.threads.map((counts) => [counts.threadId, counts])),
    [unread],
  );
  const listed = [...threads, ...olderThreads];
  const shown = useRowsShown(channelId, listed.length);
  return (
    <>
      <ul className="threads" aria-label="Threads">
        {listed.slice(0, shown).map((thread) => (
          <ThreadItem
            key={thread.id}
            channelId={channelId}
            thread={thread}
            counts={countsOf.get(thread.id)}
          />
        ))}
      </ul>
      {/* Only once every row is there: the end in view loads the next older page. */}
      {shown === listed.length && oldest !== undefined && mayHaveOlderThreads(threads) && (
        <OlderThreadsEnd older={older} oldest={oldest} />
      )}
    </>
  );
}
