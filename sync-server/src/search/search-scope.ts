// What a search may look at, resolved before the query runs: the channels the caller can read
// (admins every channel, others the channels they belong to: the permissions module decides),
// narrowed by in:#channel, and the authors named by from:@handle. A channel the caller cannot
// read is treated exactly like one that does not exist.
import type { SearchFilters } from "@openvibe/schema";
import type { UserRecord } from "../accounts/principal.ts";
import { findUserByHandle } from "../accounts/users.ts";
import { readableChannels } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import type { RowFilters } from "./search-index.ts";
import type { SearchMode } from "./search-service.ts";

const DAY_MS = 86_400_000;

export interface SearchScope {
  filters: RowFilters;
  /** Names of the readable channels, by id. */
  channelNames: ReadonlyMap<string, string>;
  /** False when the filters leave nothing to search (e.g. only unreadable channels named). */
  searchable: boolean;
}

function dayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function resolveScope(
  ctx: AppContext,
  viewer: UserRecord,
  filters: SearchFilters,
  mode: Pick<SearchMode, "excludeThreadId" | "channelAllowed"> = {},
): SearchScope {
  const allowed = mode.channelAllowed ?? (() => true);
  const channelNames = new Map(
    readableChannels(ctx, viewer)
      .filter(allowed)
      .map((channel) => [channel.id, channel.name]),
  );
  const wanted = new Set(filters.channels);
  const channelIds = [...channelNames]
    .filter(([, name]) => wanted.size === 0 || wanted.has(name))
    .map(([id]) => id);
  const authorIds = filters.authors
    .map((handle) => findUserByHandle(ctx, handle)?.id)
    .filter((id): id is string => id !== undefined);
  const noAuthor = filters.authors.length > 0 && authorIds.length === 0;
  return {
    channelNames,
    searchable: channelIds.length > 0 && !noAuthor,
    filters: {
      channelIds,
      authorIds: filters.authors.length === 0 ? null : authorIds,
      inFork: filters.inFork,
      hasFork: filters.hasFork,
      hasFile: filters.hasFile,
      hasImage: filters.hasImage,
      hasLink: filters.hasLink,
      pinned: filters.isPinned,
      beforeMs: filters.before === null ? null : dayStartMs(filters.before),
      afterMs: filters.after === null ? null : dayStartMs(filters.after) + DAY_MS,
      excludeThreadId: mode.excludeThreadId ?? null,
    },
  };
}
