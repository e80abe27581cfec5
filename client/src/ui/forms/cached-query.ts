// Data for a page that reads the HTTP API: fetched when the page opens and
// kept in IndexedDB (per person), so the page still shows the last copy
// offline, marked as such.
import { Dexie, type EntityTable } from "dexie";
import { useCallback, useEffect, useState } from "react";
import { OfflineError } from "../../api/http.ts";
import { useSignedIn } from "../services.tsx";

interface CachedView {
  key: string;
  value: unknown;
}

class ViewCache extends Dexie {
  views!: EntityTable<CachedView, "key">;

  constructor() {
    super("openvibe-views");
    this.version(1).stores({ views: "key" });
  }
}

const cache = new ViewCache();

export interface CachedQuery<T> {
  data: T | null;
  /** The server could not be reached: `data` is the last copy seen, if any. */
  offline: boolean;
  error: string | null;
  reload(): Promise<void>;
  /** Replaces the data after a change made through the API. */
  set(data: T): void;
}

export function useCachedQuery<T>(name: string, load: () => Promise<T>): CachedQuery<T> {
  const { me } = useSignedIn();
  const key = `${me.id}:${name}`;
  const [data, setData] = useState<T | null>(null);
  const [offline, setOffline] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const set = useCallback(
    (value: T) => {
      setData(value);
      void cache.views.put({ key, value });
    },
    [key],
  );

  const reload = useCallback(async () => {
    try {
      set(await load());
      setOffline(false);
      setError(null);
    } catch (caught) {
      if (!(caught instanceof OfflineError)) {
        setError(caught instanceof Error ? caught.message : String(caught));
        return;
      }
      setOffline(true);
      const cached = await cache.views.get(key);
      // The cache holds what this same query stored under this key.
      if (cached !== undefined) setData(cached.value as T);
    }
  }, [load, key, set]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { data, offline, error, reload, set };
}
