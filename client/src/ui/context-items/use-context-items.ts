// The items seen from a channel, fetched again when the filter changes, after a change made here
// (`reload`), and when the server says the channel's or the workspace's items changed (someone
// else, an agent's `remember`, a fork's resolution); a stale answer (the filter changed meanwhile)
// is dropped. The whole list is kept in
// the browser (per person and channel), so that offline the panel shows the last copy, filtered
// here.
import type { ContextItemView } from "@openvibe/schema";
import { useCallback, useEffect, useState } from "react";
import { contextItemApi } from "../../api/context-item-endpoints.ts";
import { OfflineError } from "../../api/http.ts";
import { localDatabase } from "../../local/database.ts";
import { useServices, useSignedIn } from "../services.tsx";
import { filterItems } from "./item-filter.ts";
import { failureText } from "./item-labels.ts";

export type LoadedItems =
  | { state: "loading" }
  | { state: "failed"; why: string }
  /** `offlineSince`: the items are the copy kept then (the server cannot be reached). */
  | { state: "ready"; items: ContextItemView[]; offlineSince: number | null };

async function keptCopy(key: string, q: string): Promise<LoadedItems> {
  const copy = await localDatabase.contextItems.get(key);
  if (copy === undefined) {
    return { state: "failed", why: "You are offline: context items are kept on the server." };
  }
  return { state: "ready", items: filterItems(copy.items, q), offlineSince: copy.savedAt };
}

export function useContextItems(channelId: string, q: string) {
  const { me } = useSignedIn();
  const { store } = useServices();
  const [loaded, setLoaded] = useState<LoadedItems>({ state: "loading" });
  const [version, setVersion] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` asks for a fresh list.
  useEffect(() => {
    let live = true;
    const key = `${me.id}/${channelId}`;
    contextItemApi
      .list(channelId, q)
      .then(async ({ items }) => {
        if (q.trim() === "")
          await localDatabase.contextItems.put({ key, items, savedAt: Date.now() });
        return { state: "ready", items, offlineSince: null } satisfies LoadedItems;
      })
      .catch((error: unknown): LoadedItems | Promise<LoadedItems> =>
        error instanceof OfflineError
          ? keptCopy(key, q)
          : { state: "failed", why: failureText(error) },
      )
      .then((next) => {
        if (live) setLoaded(next);
      });
    return () => {
      live = false;
    };
  }, [channelId, q, version, me.id]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(
    () =>
      store.onMetadataChanged(({ lists, channelId: changed }) => {
        if (lists.includes("context-items") && (changed === undefined || changed === channelId)) {
          reload();
        }
      }),
    [store, channelId, reload],
  );
  return { loaded, reload };
}
