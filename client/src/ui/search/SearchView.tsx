// The search view: what the index is doing, where the answer comes from (this browser only when
// offline), the context items holding the words (the server's), and the results grouped by
// channel and thread; each result opens its thread (or fork)
// at the message.
import type { ReactNode } from "react";
import type { ChannelGroup, ResultItem } from "../../search/results.ts";
import { groupResults } from "../../search/results.ts";
import { channelLabel } from "../../state/channel-label.ts";
import { Observable, useObservable } from "../../state/observable.ts";
import { KIND_LABEL } from "../context-items/item-labels.ts";
import { MessageAnchor } from "../MessageAnchor.tsx";
import { usePeopleById, useServices, useSignedIn } from "../services.tsx";
import { useSearchServices } from "./context.ts";
import { Highlighted } from "./Highlighted.tsx";
import { IndexStatus } from "./IndexStatus.tsx";
import { useSearch } from "./use-search.ts";
import "./search.css";

const NO_QUERY = new Observable("");
const NO_CHANNELS = new Observable(0);

function channelCount(count: number): string {
  return count === 1 ? "1 channel" : `${count} channels`;
}

function ResultLink({ item }: { item: ResultItem }): ReactNode {
  const people = usePeopleById();
  const { channelId, threadId, messageId, forkId } = item;
  const address = { channelId, threadId, messageId, forkId };
  return (
    <li className="search-result" data-source={item.source}>
      <MessageAnchor address={address}>
        <span className="author">{people.get(item.authorId)?.displayName ?? item.authorId}</span>
        {item.forkId !== null && <span className="badge">fork</span>}{" "}
        <time dateTime={new Date(item.createdAt).toISOString()}>
          {new Date(item.createdAt).toLocaleString()}
        </time>
        <span className="snippet">
          <Highlighted segments={item.segments} />
        </span>
      </MessageAnchor>
    </li>
  );
}

/** `label`: "#name", or a direct message's people. */
function ChannelResults({ group, label }: { group: ChannelGroup; label: string }): ReactNode {
  return (
    <section className="search-channel" aria-label={label}>
      <h2>{label}</h2>
      {group.threads.map((thread) => (
        <div key={thread.threadId} className="search-thread">
          <h3>{thread.threadTitle || "Untitled thread"}</h3>
          <ol className="plain-list">
            {thread.items.map((item) => (
              <ResultLink key={item.messageId} item={item} />
            ))}
          </ol>
        </div>
      ))}
    </section>
  );
}

function SearchSummary({ query }: { query: string }): ReactNode {
  const services = useSearchServices();
  const held = useObservable(services?.index.readyChannels ?? NO_CHANNELS);
  const { parsed, items, online, serverPending, localPending, contextItems } = useSearch(query);
  return (
    <>
      <p className="search-scope" aria-live="polite">
        {online
          ? `Searching the ${channelCount(held)} in this browser and the server`
          : `Offline: searching the ${channelCount(held)} in this browser`}
        {serverPending && " (waiting for the server…)"}
      </p>
      {parsed.problems.map((problem) => (
        <p key={problem} className="search-problem">
          Ignored: {problem}
        </p>
      ))}
      {contextItems.length > 0 && (
        <section className="search-channel" aria-label="Context items">
          <h2>Context items</h2>
          <ol className="plain-list">
            {contextItems.map((item) => (
              <li key={item.id} className="search-result">
                <strong>{KIND_LABEL[item.kind]}</strong> · {item.author.displayName}:{" "}
                <span className="snippet">{item.text}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
      <div className="search-results" aria-busy={localPending}>
        <SearchResults items={items} pending={localPending} />
      </div>
    </>
  );
}

/** `pending`: the items answer an earlier query (the index has not answered this one yet). */
function SearchResults({
  items,
  pending,
}: {
  items: readonly ResultItem[];
  pending: boolean;
}): ReactNode {
  const { store } = useServices();
  const { me } = useSignedIn();
  const channels = useObservable(store.channels);
  const people = useObservable(store.people);
  const labels = new Map(
    channels.map((channel) => [channel.id, channelLabel(channel, people, me.id)]),
  );
  if (items.length === 0) {
    return <p className="empty">{pending ? "Searching…" : "No messages found."}</p>;
  }
  return groupResults(items).map((group) => (
    <ChannelResults
      key={group.channelId}
      group={group}
      label={labels.get(group.channelId) ?? `#${group.channelId}`}
    />
  ));
}

export function SearchView(): ReactNode {
  const services = useSearchServices();
  const query = useObservable(services?.query ?? NO_QUERY);
  return (
    <section className="search-view" aria-labelledby="search-title">
      <h1 id="search-title">Search</h1>
      <IndexStatus />
      {query.trim() === "" ? (
        <p className="empty">
          Type in the search box. Filters: <code>in:#channel</code> <code>from:@person</code>{" "}
          <code>has:fork</code> <code>has:link</code> <code>in:fork</code> <code>is:pinned</code>{" "}
          <code>before:YYYY-MM-DD</code> <code>after:YYYY-MM-DD</code> <code>"exact phrase"</code>
        </p>
      ) : (
        <SearchSummary query={query} />
      )}
    </section>
  );
}
