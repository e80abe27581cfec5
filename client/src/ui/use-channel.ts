// Read models of an open channel, re-computed whenever its document changes.
import { useMemo } from "react";
import { useObservable } from "../state/observable.ts";
import type { DocumentReplica } from "../sync/document-replica.ts";
import { useSignedIn } from "./services.tsx";

/** The channel's replica; a new one when the registry replaced it (after a refused write). */
export function useReplica(channelId: string): DocumentReplica {
  const { replicas } = useSignedIn();
  const generation = useObservable(replicas.generation);
  // biome-ignore lint/correctness/useExhaustiveDependencies: generation counts replacements
  return useMemo(
    () => replicas.openChannel(channelId, { visible: true }),
    [replicas, channelId, generation],
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
