// Search results as the search view shows them: local hits (read from the channels held in the
// browser) and server hits in one shape, merged without duplicates and grouped by channel and
// thread, with the matched words marked.
import {
  type SearchableMessage,
  type SearchHit,
  SNIPPET_MATCH_END,
  SNIPPET_MATCH_START,
  stampWallTime,
} from "@openvibe/schema";
import type { LocalHit } from "./search-index.ts";
import { highlightSegments, type TextSegment } from "./text.ts";

export interface ResultItem {
  readonly messageId: string;
  readonly channelId: string;
  readonly threadId: string;
  readonly threadTitle: string;
  readonly forkId: string | null;
  readonly authorId: string;
  readonly createdAt: number;
  readonly segments: readonly TextSegment[];
  readonly source: "local" | "server";
}

export interface ThreadGroup {
  readonly threadId: string;
  readonly threadTitle: string;
  readonly items: ResultItem[];
}

export interface ChannelGroup {
  readonly channelId: string;
  readonly threads: ThreadGroup[];
}

export function fromLocalHit(hit: LocalHit, message: SearchableMessage): ResultItem {
  return {
    messageId: hit.messageId,
    channelId: hit.channelId,
    threadId: hit.threadId,
    threadTitle: message.threadTitle,
    forkId: hit.forkId,
    authorId: hit.authorId,
    createdAt: hit.createdAt,
    segments: highlightSegments(message.body, new Set(hit.terms)),
    source: "local",
  };
}

const SNIPPET_PARTS = new RegExp(
  `${SNIPPET_MATCH_START}([^${SNIPPET_MATCH_END}]*)${SNIPPET_MATCH_END}`,
  "gu",
);

/** A server snippet (matches between U+0002 and U+0003) as segments. */
export function snippetSegments(snippet: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let at = 0;
  for (const match of snippet.matchAll(SNIPPET_PARTS)) {
    if (match.index > at) segments.push({ text: snippet.slice(at, match.index), match: false });
    segments.push({ text: match[1] ?? "", match: true });
    at = match.index + match[0].length;
  }
  if (at < snippet.length) segments.push({ text: snippet.slice(at), match: false });
  return segments;
}

export function fromServerHit(hit: SearchHit): ResultItem {
  return {
    messageId: hit.messageId,
    channelId: hit.channelId,
    threadId: hit.threadId,
    threadTitle: hit.threadTitle,
    forkId: hit.forkId,
    authorId: hit.author.id,
    createdAt: stampWallTime(hit.createdAt) ?? 0,
    segments: snippetSegments(hit.snippet),
    source: "server",
  };
}

/** Local results first (the browser's copy is the freshest), then server ones not already shown. */
export function mergeResults(
  local: readonly ResultItem[],
  server: readonly ResultItem[],
): ResultItem[] {
  const seen = new Set(local.map((item) => item.messageId));
  return [...local, ...server.filter((item) => !seen.has(item.messageId))];
}

/** Groups by channel, then thread, each in the order of its best result. */
export function groupResults(items: readonly ResultItem[]): ChannelGroup[] {
  const channels = new Map<string, Map<string, ThreadGroup>>();
  for (const item of items) {
    let threads = channels.get(item.channelId);
    if (threads === undefined) {
      threads = new Map();
      channels.set(item.channelId, threads);
    }
    let thread = threads.get(item.threadId);
    if (thread === undefined) {
      thread = { threadId: item.threadId, threadTitle: item.threadTitle, items: [] };
      threads.set(item.threadId, thread);
    }
    thread.items.push(item);
  }
  return [...channels].map(([channelId, threads]) => ({
    channelId,
    threads: [...threads.values()],
  }));
}
