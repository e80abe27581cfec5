// Following every open document of one channel: its channel document and the thread documents
// this device has open. Calls back on each change of any of them and when one is opened or
// closed (the set changed), so a read model over all of them (the thread list, unread counts)
// is computed again.
import { channelDocumentName } from "@openvibe/schema";
import type { ReplicaRegistry } from "./replicas.ts";

export function followChannelDocuments(
  replicas: ReplicaRegistry,
  channelId: string,
  onChange: () => void,
): () => void {
  let stops: (() => void)[] = [];
  const follow = () => {
    for (const stop of stops) stop();
    const channel = replicas.find(channelDocumentName(channelId));
    const followed = [
      ...(channel === undefined ? [] : [channel]),
      ...replicas.threadsOf(channelId),
    ];
    stops = followed.flatMap((r) => [r.version.subscribe(onChange), r.loaded.subscribe(onChange)]);
  };
  const stopOpened = replicas.opened.subscribe(() => {
    follow();
    onChange();
  });
  follow();
  return () => {
    stopOpened();
    for (const stop of stops) stop();
  };
}
