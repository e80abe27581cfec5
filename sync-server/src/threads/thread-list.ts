// A channel's threads from the thread index table, newest activity first, for whoever may read
// the channel's content (others get the 404 every channel route gives: nothing leaks about a
// private channel). Paged by a cursor naming the last thread of the previous page.
import type { ThreadsPage, ThreadsQuery } from "@openvibe/schema";
import type { UserRecord } from "../accounts/principal.ts";
import { requireVisibleChannel } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import { canReadChannelItems } from "../context-items/visibility.ts";
import { notFound } from "../errors.ts";
import type { ThreadIndexPosition, ThreadIndexRows } from "./thread-index-rows.ts";

const CURSOR_SEPARATOR = "~";

function decodeCursor(cursor: string | undefined): ThreadIndexPosition | null {
  if (cursor === undefined) return null;
  const at = cursor.indexOf(CURSOR_SEPARATOR);
  return { lastActivityAt: cursor.slice(0, at), threadId: cursor.slice(at + 1) };
}

export function listThreadsPage(
  ctx: AppContext,
  rows: ThreadIndexRows,
  reader: UserRecord,
  channelId: string,
  query: ThreadsQuery,
): ThreadsPage {
  requireVisibleChannel(ctx, reader, channelId);
  if (!canReadChannelItems(ctx, reader, channelId)) throw notFound("channel");
  // One more than asked: whether there is a next page.
  const page = rows.page(channelId, decodeCursor(query.before), query.limit + 1);
  const threads = page.slice(0, query.limit);
  const last = threads.at(-1);
  return {
    threads,
    next:
      page.length > query.limit && last !== undefined
        ? `${last.digest.lastActivityAt}${CURSOR_SEPARATOR}${last.threadId}`
        : null,
  };
}
