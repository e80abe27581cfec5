// The mentions inbox: messages by others naming the caller's handle, in the channels the caller
// can read now (the permissions module decides, as for search), newest first, from the search
// projection's mention rows. Not a search: it answers while the workspace's settings turn search off.
import type { MentionItem, MentionsPage, MentionsQuery } from "@openvibe/schema";
import type { UserRecord } from "../accounts/principal.ts";
import { readableChannels } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import { indexedAuthor } from "./index-rows.ts";
import { plainExcerpt } from "./index-text.ts";
import type { MentionRow, SearchIndex } from "./search-index.ts";

const CURSOR_SEPARATOR = "~";

function decodeCursor(cursor: string | undefined): { createdAt: string; rowId: number } | null {
  if (cursor === undefined) return null;
  const [createdAt = "", rowId = "0"] = cursor.split(CURSOR_SEPARATOR);
  return { createdAt, rowId: Number(rowId) };
}

function encodeCursor(row: MentionRow): string {
  return `${row.createdAt}${CURSOR_SEPARATOR}${row.rowId}`;
}

export function mentionsOf(
  ctx: AppContext,
  index: SearchIndex,
  reader: UserRecord,
  query: MentionsQuery,
): MentionsPage {
  const channelNames = new Map(readableChannels(ctx, reader).map((c) => [c.id, c.name]));
  const rows = index.mentions({
    handle: reader.handle.toLowerCase(),
    channelIds: [...channelNames.keys()],
    readerId: reader.id,
    before: decodeCursor(query.cursor),
    // One more than asked: whether there is a next page.
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    mentions: page.map(
      (row): MentionItem => ({
        messageId: row.messageId,
        channelId: row.channelId,
        channelName: channelNames.get(row.channelId) ?? "",
        threadId: row.threadId,
        threadTitle: row.threadTitle,
        forkId: row.forkId,
        author: indexedAuthor(row),
        createdAt: row.createdAt,
        excerpt: plainExcerpt(row.body),
      }),
    ),
    nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor(last) : null,
  };
}
