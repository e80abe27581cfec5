// Answers the query as it is typed: the browser index at once, then (online) the server's
// hits for channels this browser does not hold, merged in when they arrive.
import { isEmptySearch, type ParsedSearchQuery, parseSearchQuery } from "@openvibe/schema";
import { useEffect, useMemo, useState } from "react";
import { OfflineError } from "../../api/http.ts";
import { searchServer } from "../../api/search-endpoints.ts";
import type { SearchIndexer } from "../../search/indexer.ts";
import { type FilterNames, planSearch } from "../../search/query-plan.ts";
import {
  fromLocalHit,
  fromServerHit,
  mergeResults,
  type ResultItem,
} from "../../search/results.ts";
import { Observable, useObservable } from "../../state/observable.ts";
import { useServices, useSignedIn } from "../services.tsx";
import { useSearchServices } from "./context.ts";

const RESULT_LIMIT = 50;
const SERVER_DELAY_MS = 200;
const NO_VERSION = new Observable(0);

export interface SearchAnswer {
  readonly parsed: ParsedSearchQuery;
  readonly items: readonly ResultItem[];
  readonly online: boolean;
  /** Waiting for the server's answer. */
  readonly serverPending: boolean;
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

function searchLocally(
  indexer: SearchIndexer,
  parsed: ParsedSearchQuery,
  names: FilterNames,
): ResultItem[] {
  indexer.flush();
  const hits = indexer.index.search(planSearch(parsed, names), indexer.bodyOf, RESULT_LIMIT);
  return hits.flatMap((hit) => {
    const message = indexer.messageOf(hit.channelId, hit.messageId);
    return message === undefined || message.deleted ? [] : [fromLocalHit(hit, message)];
  });
}

function useServerHits(query: string, enabled: boolean): ResultItem[] | null {
  const [answer, setAnswer] = useState<{ query: string; items: ResultItem[] } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      searchServer(query, RESULT_LIMIT).then(
        (result) => {
          if (!cancelled) setAnswer({ query, items: result.hits.map(fromServerHit) });
        },
        (error: unknown) => {
          if (!cancelled && !(error instanceof OfflineError)) setAnswer({ query, items: [] });
        },
      );
    }, SERVER_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, enabled]);
  return answer?.query === query ? answer.items : null;
}

export function useSearch(query: string): SearchAnswer {
  const services = useSearchServices();
  const { replicas } = useSignedIn();
  const online = useObservable(replicas.socket.state) === "online";
  const version = useObservable(services?.indexer.version ?? NO_VERSION);
  const names = useFilterNames();
  const parsed = useMemo(() => parseSearchQuery(query), [query]);
  const empty = isEmptySearch(parsed);
  // biome-ignore lint/correctness/useExhaustiveDependencies: search again when the index changes
  const local = useMemo(
    () => (services === null || empty ? [] : searchLocally(services.indexer, parsed, names)),
    [services, parsed, names, empty, version],
  );
  const server = useServerHits(query, online && !empty);
  const serverPending = online && !empty && server === null;
  const items = useMemo(() => mergeResults(local, server ?? []), [local, server]);
  return { parsed, items, online, serverPending };
}
