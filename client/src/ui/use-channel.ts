// The replicas a view reads (a channel's document, a thread's document) and its read models,
// re-computed whenever the documents change.
import { listThreadIndex, type ThreadIndexSummary } from "@openvibe/schema";
import { useMemo, useSyncExternalStore } from "react";
import { useObservable } from "../state/observable.ts";
import { followChannelDocuments } from "../sync/channel-documents.ts";
import type { DocumentReplica } from "../sync/document-replica.ts";
import type { ReplicaRegistry } from "../sync/replicas.ts";
import { useSignedIn } from "./services.tsx";

/** The channel document's replica; a new one when the registry replaced it. */
export function useReplica(channelId: string): DocumentReplica {
  const { replicas } = useSignedIn();
  const generation = useObservable(replicas.generation);
  // biome-ignore lint/correctness/useExhaustiveDependencies: generation counts replacements
  return useMemo(
    () => replicas.openChannel(channelId, { visible: true }),
    [replicas, channelId, generation],
  );
}

/** A thread document's replica (on screen: it syncs first); a new one when replaced. */
export function useThreadReplica(channelId: string, threadId: string): DocumentReplica {
  const { replicas } = useSignedIn();
  const generation = useObservable(replicas.generation);
  const opened = useObservable(replicas.opened);
  // biome-ignore lint/correctness/useExhaustiveDependencies: generation and opened count replacements and closes
  return useMemo(
    () => replicas.openThread(channelId, threadId, { visible: true }),
    [replicas, channelId, threadId, generation, opened],
  );
}

export function useChannelView<T>(
  replica: DocumentReplica,
  read: (replica: DocumentReplica) => T,
): T {
  const version = useObservable(replica.version);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the document's change counter
  return useMemo(() => read(replica), [replica, read, version]);
}

/** A counter that changes whenever one of the channel's open documents does (or the set). */
function channelChanges(replicas: ReplicaRegistry, channelId: string) {
  let count = 0;
  return {
    get: () => count,
    subscribe: (listener: () => void) =>
      followChannelDocuments(replicas, channelId, () => {
        count += 1;
        listener();
      }),
  };
}

/** The channel's threads: its index plus the pending threads this device holds (listThreadIndex). */
export function useChannelThreads(channelId: string): ThreadIndexSummary[] {
  const { replicas } = useSignedIn();
  const channel = useReplica(channelId);
  const changes = useMemo(() => channelChanges(replicas, channelId), [replicas, channelId]);
  const version = useSyncExternalStore(changes.subscribe, changes.get);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version counts the documents' changes
  return useMemo(
    () =>
      listThreadIndex(
        channel.doc,
        replicas.threadsOf(channelId).map((r) => r.doc),
      ),
    [replicas, channel, channelId, version],
  );
}
