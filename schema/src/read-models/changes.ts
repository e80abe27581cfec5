import type * as Y from "yjs";
import { messagesMap, stopRequestsMap, summaryRequestsMap } from "../layout.ts";
import { parseStopRequestKey } from "../records/stop-request.ts";
import { type SummaryRequestView, toSummaryRequest } from "./summary-requests.ts";

/** What one transaction changed that servers and agents react to. */
export interface ChannelChanges {
  /** Messages that appeared. */
  readonly addedMessages: readonly string[];
  /** Existing messages whose mentions changed (edited, or an agent reply that finished). */
  readonly mentionsChanged: readonly string[];
  /** Agent replies someone asked to stop. */
  readonly stopRequested: readonly string[];
  /** Summary requests that appeared or were renewed (asked again). */
  readonly summaryRequested: readonly SummaryRequestView[];
  /** The transaction's origin (a ChannelOrigin for local operations, a provider for remote updates). */
  readonly origin: unknown;
}

/**
 * Calls `listener` after every transaction that added messages, changed their mentions, asked
 * an agent to stop or asked for a summary. Returns the function that stops listening.
 */
export function observeChannelChanges(
  doc: Y.Doc,
  listener: (changes: ChannelChanges) => void,
): () => void {
  const messages = messagesMap(doc);
  const stopRequests = stopRequestsMap(doc);
  const onMessages = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
    const addedMessages: string[] = [];
    const mentionsChanged: string[] = [];
    for (const event of events) {
      if (event.target === messages) {
        for (const [key, change] of event.changes.keys)
          if (change.action === "add") addedMessages.push(key);
      } else if (event.path.length === 1 && event.changes.keys.has("mentions")) {
        const id = event.path[0];
        if (typeof id === "string" && !addedMessages.includes(id)) mentionsChanged.push(id);
      }
    }
    if (addedMessages.length + mentionsChanged.length > 0) {
      listener({
        addedMessages,
        mentionsChanged,
        stopRequested: [],
        summaryRequested: [],
        origin: transaction.origin,
      });
    }
  };
  const onStops = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
    const stopRequested = [...event.keysChanged]
      .filter((key) => event.changes.keys.get(key)?.action === "add")
      .map((key) => parseStopRequestKey(key)?.messageId)
      .filter((id): id is string => id !== undefined);
    if (stopRequested.length > 0) {
      listener({
        addedMessages: [],
        mentionsChanged: [],
        stopRequested,
        summaryRequested: [],
        origin: transaction.origin,
      });
    }
  };
  const summaryRequests = summaryRequestsMap(doc);
  const onSummaries = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
    const summaryRequested = [...event.keysChanged]
      .filter((key) => event.changes.keys.get(key)?.action !== "delete")
      .map((key) => toSummaryRequest(key, summaryRequests.get(key)))
      .filter((request): request is SummaryRequestView => request !== undefined);
    if (summaryRequested.length > 0) {
      listener({
        addedMessages: [],
        mentionsChanged: [],
        stopRequested: [],
        summaryRequested,
        origin: transaction.origin,
      });
    }
  };
  messages.observeDeep(onMessages);
  stopRequests.observe(onStops);
  summaryRequests.observe(onSummaries);
  return () => {
    messages.unobserveDeep(onMessages);
    stopRequests.unobserve(onStops);
    summaryRequests.unobserve(onSummaries);
  };
}
