// The items seen from a channel, fetched again when the filter changes or after a change
// (`reload`); a stale answer (the filter changed meanwhile) is dropped.
import type { ContextItemView } from "@openvibe/schema";
import { useCallback, useEffect, useState } from "react";
import { contextItemApi } from "../../api/context-item-endpoints.ts";
import { OfflineError } from "../../api/http.ts";
import { failureText } from "./item-labels.ts";

export type LoadedItems =
  | { state: "loading" }
  | { state: "failed"; why: string }
  | { state: "ready"; items: ContextItemView[] };

export function useContextItems(channelId: string, q: string) {
  const [loaded, setLoaded] = useState<LoadedItems>({ state: "loading" });
  const [version, setVersion] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` asks for a fresh list.
  useEffect(() => {
    let live = true;
    contextItemApi.list(channelId, q).then(
      ({ items }) => live && setLoaded({ state: "ready", items }),
      (error: unknown) => {
        const why =
          error instanceof OfflineError
            ? "You are offline: context items are kept on the server."
            : failureText(error);
        if (live) setLoaded({ state: "failed", why });
      },
    );
    return () => {
      live = false;
    };
  }, [channelId, q, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { loaded, reload };
}
