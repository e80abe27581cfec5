// Starts the browser search index (in its worker) for the signed-in person: the thread documents
// held here of every joined channel (archived ones too: they stay readable) are indexed; a channel
// left or revoked, or a thread evicted from this device, leaves the index. The server's results
// fill in the rest when online.
import { type ReactNode, useEffect, useState } from "react";
import { heldDocumentsOf } from "../../offline/local-document.ts";
import { readLocalCopy } from "../../offline/read-local-copy.ts";
import { startIndexWorker } from "../../search/start-index-worker.ts";
import { Observable, useObservable } from "../../state/observable.ts";
import { useServices, useSignedIn } from "../services.tsx";
import { SearchContext, type SearchServices } from "./context.ts";

function useStartSearch(): SearchServices | null {
  const { replicas, me } = useSignedIn();
  const [services, setServices] = useState<SearchServices | null>(null);
  useEffect(() => {
    // A channel's messages are in the thread documents held here (channel-feed.ts).
    const held = heldDocumentsOf(me.id);
    const index = startIndexWorker(
      me.id,
      (channelId) => ({
        channelId,
        documents: () => replicas.threadsOf(channelId),
        opened: replicas.opened,
      }),
      {
        names: held.catalogued,
        readNames: () => held.cataloguedNames(),
        open: () => replicas.list().flatMap((r) => (r.threadId === null ? [] : [r.documentName])),
        opened: replicas.opened,
        readCopy: (name) => readLocalCopy(me.id, name),
      },
    );
    setServices({ index, query: new Observable("") });
    return () => {
      index.destroy();
      setServices(null);
    };
  }, [replicas, me.id]);
  return services;
}

export function SearchProvider({ children }: { children: ReactNode }): ReactNode {
  const services = useStartSearch();
  const { store } = useServices();
  const channels = useObservable(store.channels);
  const channelsKnown = useObservable(store.channelsKnown);
  // A replaced replica (after a refused write) is indexed in place of the old one.
  const generation = useObservable(useSignedIn().replicas.generation);
  // biome-ignore lint/correctness/useExhaustiveDependencies: generation counts replacements
  useEffect(() => {
    // Before the list is known, an empty one would take every channel out of the index.
    if (!channelsKnown) return;
    services?.index.watch(channels.filter((c) => c.joined).map((c) => c.id));
  }, [services, channels, channelsKnown, generation]);
  return <SearchContext.Provider value={services}>{children}</SearchContext.Provider>;
}
