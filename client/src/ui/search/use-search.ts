// Answers the query as it is typed: the browser index (in its worker) as soon as it answers,
// then (online) the server's hits for channels this browser does not hold, merged in when they
// arrive. Until the index answers the newest query, the results of the last one it answered stay
// on screen, marked as pending; an answer to an older query is never shown after a newer one.
import {
  type ContextItemView,
  isEmptySearch,
  type ParsedSearchQuery,
  parseSearchQuery,
} from "@openvibe/schema";
import { useEffect, useMemo, useState } from "react";
import { OfflineError } from "../../api/http.ts";
import { searchServer } from "../../api/search-endpoints.ts";
import type { IndexClient, LocalSearch } from "../../search/index-client.ts";
import type { Answered } from "../../search/latest-answer.ts";
import type { FilterNames } from "../../search/query-plan.ts";
import {
  fromLocalHit,
  fromServerHit,
  mergeResults,
  type ResultItem,
} from "../../search/results.ts";
import type { LocalHit } from "../../search/search-index.ts";
import { Observable, useObservable } from "../../state/observable.ts";
import { useServices, useSignedIn } from "../services.tsx";
import { useSearchServices } from "./context.ts";

const RESULT_LIMIT = 50;
const SERVER_DELAY_MS = 200;
const NO_VERSION = new Observable(0);
const NO_ANSWER = new Observable<Answered<LocalSearch, readonly LocalHit[]> | null>(null);

export interface SearchAnswer {
  readonly parsed: ParsedSearchQuery;
  readonly items: readonly ResultItem[];
  readonly online: boolean;
  /** Waiting for the server's answer. */
  readonly serverPending: boolean;
  /** Waiting for the browser index's answer (the items shown answer an earlier query). */
  readonly localPending: boolean;
  /** Context items holding the words (the server's; none offline). */
  readonly contextItems: readonly ContextItemView[];
}

function useFilterNames(): FilterNames {
  const { store } = useServices();
  const channels = useObservable(store.channels);
  const people = useObservable(store.people);
  return useMemo(() => {
    const channelIds = new Map(channels.map((c) => [c.name.toLowerCase(), c.id]));
    const personIds = new Map(people.map((p) => [p.handle.toLowerCase(), p.id]));
    return {
      channelIdByName: (name) => channelIds.get(name),
      personIdByHandle: (handle) => personIds.get(handle),
    };
  }, [channels, people]);
}

/** The hits as results, read from the held threads as they are now (deleted ones left out). */
function localItems(index: IndexClient, hits: readonly LocalHit[]): ResultItem[] {
  return hits.flatMap((hit) => {
    const message = index.messageOf(hit);
    return message === undefined || message.deleted ? [] : [fromLocalHit(hit, message)];
  });
}

/** Sends the query to the index (again when the index changes); its newest answer. */
function useLocalHits(parsed: ParsedSearchQuery, enabled: boolean) {
  const index = useSearchServices()?.index ?? null;
  const version = useObservable(index?.version ?? NO_VERSION);
  const answered = useObservable(index?.answers.current ?? NO_ANSWER);
  const names = useFilterNames();
  const search = useMemo(() => ({ parsed, names, limit: RESULT_LIMIT }), [parsed, names]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: search again when the index changes
  useEffect(() => {
    if (index !== null && enabled) index.search(search);
  }, [index, search, enabled, version]);
  const copiesRead = useObservable(index?.copiesRead ?? NO_VERSION);
  // Hits in held threads not open here show once their copies are read.
  useEffect(() => {
    if (index !== null && answered !== null) index.readCopiesFor(answered.answer);
  }, [index, answered]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: copiesRead counts copies read
  const items = useMemo(
    () => (index === null || answered === null ? [] : localItems(index, answered.answer)),
    [index, answered, copiesRead],
  );
  return { items: enabled ? items : [], pending: enabled && answered?.request !== search };
}

interface ServerAnswer {
  items: ResultItem[];
  contextItems: ContextItemView[];
}

function useServerHits(query: string, enabled: boolean): ServerAnswer | null {
  const [answer, setAnswer] = useState<({ query: string } & ServerAnswer) | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      searchServer(query, RESULT_LIMIT).then(
        (result) => {
          if (cancelled) return;
          const items = result.hits.map(fromServerHit);
          setAnswer({ query, items, contextItems: result.contextItems });
        },
        (error: unknown) => {
          if (!cancelled && !(error instanceof OfflineError))
            setAnswer({ query, items: [], contextItems: [] });
        },
      );
    }, SERVER_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, enabled]);
  return answer?.query === query ? answer : null;
}

export function useSearch(query: string): SearchAnswer {
  const { replicas } = useSignedIn();
  const online = useObservable(replicas.socket.state) === "online";
  const parsed = useMemo(() => parseSearchQuery(query), [query]);
  const empty = isEmptySearch(parsed);
  const local = useLocalHits(parsed, !empty);
  const server = useServerHits(query, online && !empty);
  const serverPending = online && !empty && server === null;
  const items = useMemo(
    () => mergeResults(local.items, server?.items ?? []),
    [local.items, server],
  );
  const contextItems = server?.contextItems ?? [];
  return { parsed, items, online, serverPending, localPending: local.pending, contextItems };
}
