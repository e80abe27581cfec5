// The "Remember this" requests of a channel still on this device (made offline): waiting to be
// sent, or refused by the server with why, each with its text, until sent or discarded.
import { type ReactNode, useEffect, useState } from "react";
import type { QueuedRemember } from "../../local/database.ts";
import { useObservable } from "../../state/observable.ts";
import { useSignedIn } from "../services.tsx";
import { KIND_LABEL } from "./item-labels.ts";

export function QueuedItems({ channelId }: { channelId: string }): ReactNode {
  const { rememberQueue } = useSignedIn();
  const version = useObservable(rememberQueue.version);
  const [queued, setQueued] = useState<QueuedRemember[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` says the queue changed
  useEffect(() => {
    let live = true;
    void rememberQueue.of(channelId).then((list) => {
      if (live) setQueued(list);
    });
    return () => {
      live = false;
    };
  }, [rememberQueue, channelId, version]);
  if (queued.length === 0) return null;
  return (
    <ol className="plain-list context-items" aria-label="Not yet remembered">
      {queued.map(({ itemId, request, refused }) => (
        <li key={itemId} className="context-item queued" aria-label={request.text}>
          <p className="context-item-meta">
            <span className="context-kind">{KIND_LABEL[request.kind]}</span> ·{" "}
            {refused === null ? "waiting to be remembered (offline)" : `not remembered: ${refused}`}
          </p>
          <p>{request.text}</p>
          {refused !== null && (
            <button type="button" onClick={() => void rememberQueue.discard(itemId)}>
              Discard
            </button>
          )}
        </li>
      ))}
    </ol>
  );
}
