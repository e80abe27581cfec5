// The messages between the page and the index worker. The page holds the channel documents and
// forwards what changes in them (a message is a few hundred bytes to copy, where a second copy
// of a channel's document in the worker would cost its whole heap again); the worker holds the
// index, loads and saves it, and answers searches.
import type { ParsedSearchQuery } from "@openvibe/schema";
import type { IndexProgress } from "../index-progress.ts";
import type { ResolvedNames } from "../query-plan.ts";
import type { IndexedMessage, LocalHit } from "../search-index.ts";

/** From the page. */
export type ToIndex =
  /** Load the index saved for this person (first message). */
  | { readonly type: "open"; readonly userId: string }
  /** Keep exactly these channels indexed. */
  | { readonly type: "channels"; readonly channelIds: readonly string[] }
  /**
   * Keep only the messages of these threads (thread document names: those this device holds or
   * the page has open); the others' leave the index.
   */
  | { readonly type: "threads"; readonly documentNames: readonly string[] }
  /** These threads left the device (evicted): their messages leave the index. */
  | { readonly type: "forget"; readonly documentNames: readonly string[] }
  /** A channel's copy is loaded, at this state (answered with "need" unless indexed at it). */
  | { readonly type: "held"; readonly channelId: string; readonly vector: Uint8Array }
  /** Part of every message of a channel, after "need"; the last part ends its catch-up. */
  | {
      readonly type: "listing";
      readonly channelId: string;
      readonly vector: Uint8Array;
      readonly messages: readonly IndexedMessage[];
      readonly done: number;
      readonly total: number;
    }
  /** Messages changed since (deleted ones by id); the document is now at `vector`. */
  | {
      readonly type: "changes";
      readonly channelId: string;
      readonly vector: Uint8Array;
      readonly put: readonly IndexedMessage[];
      readonly removed: readonly string[];
    }
  | {
      readonly type: "search";
      readonly seq: number;
      readonly parsed: ParsedSearchQuery;
      readonly names: ResolvedNames;
      readonly limit: number;
    }
  /** Finish the work received so far and save (answered with "flushed"). */
  | { readonly type: "flush"; readonly id: number };

export interface IndexStatus {
  /** Bumped whenever what the index holds changes (searches are run again). */
  readonly version: number;
  /** Null when no catch-up is running. */
  readonly progress: IndexProgress | null;
  /** Channels fully indexed. */
  readonly readyChannels: number;
}

/** From the worker. */
export type FromIndex =
  | { readonly type: "need"; readonly channelId: string }
  | { readonly type: "status"; readonly status: IndexStatus }
  /** Only for the newest search received: older ones still waiting are dropped. */
  | { readonly type: "answer"; readonly seq: number; readonly hits: readonly LocalHit[] }
  | { readonly type: "flushed"; readonly id: number }
  /**
   * Threads named in "threads" of which the index holds no message (a save lost when the page
   * went, a rebuilt index): the page sends their messages from their copies.
   */
  | { readonly type: "unindexed"; readonly documentNames: readonly string[] };

/** A Worker, the worker's own scope, or a MessagePort: what either side talks through. */
export interface IndexPort<In, Out> {
  postMessage(message: Out): void;
  addEventListener(type: "message", listener: (event: MessageEvent<In>) => void): void;
  removeEventListener(type: "message", listener: (event: MessageEvent<In>) => void): void;
}
