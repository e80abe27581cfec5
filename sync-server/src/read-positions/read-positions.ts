// Read positions of one person, kept for their other devices: per thread, and per channel
// (stored with thread_id ''). Only channels the person can read are listed or written (the
// permissions module decides, through readableChannels); a write keeps the later stamp per key.
import type { ReadPositionInput, ReadPositionView } from "@openvibe/schema";
import { eq, sql } from "drizzle-orm";
import type { UserRecord } from "../accounts/principal.ts";
import { readableChannels } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import { readPositions } from "../db/schema.ts";

const CHANNEL_WIDE = "";

function readableIds(ctx: AppContext, user: UserRecord): Set<string> {
  return new Set(readableChannels(ctx, user).map((channel) => channel.id));
}

export function listReadPositions(ctx: AppContext, user: UserRecord): ReadPositionView[] {
  const readable = readableIds(ctx, user);
  return ctx.db
    .select()
    .from(readPositions)
    .where(eq(readPositions.userId, user.id))
    .all()
    .filter((row) => readable.has(row.channelId))
    .map((row) => ({
      channelId: row.channelId,
      threadId: row.threadId === CHANNEL_WIDE ? null : row.threadId,
      stamp: row.stamp,
      updatedAt: new Date(row.updatedAt).toISOString(),
    }));
}

/**
 * Moves the caller's positions forward; positions in channels they cannot read (or that do not
 * exist) are ignored, exactly alike, so the answer reveals nothing about them.
 */
export function saveReadPositions(
  ctx: AppContext,
  user: UserRecord,
  positions: readonly ReadPositionInput[],
): void {
  const readable = readableIds(ctx, user);
  const now = ctx.now();
  ctx.db.transaction((tx) => {
    for (const position of positions) {
      if (!readable.has(position.channelId)) continue;
      tx.insert(readPositions)
        .values({
          userId: user.id,
          channelId: position.channelId,
          threadId: position.threadId ?? CHANNEL_WIDE,
          stamp: position.stamp,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: [readPositions.userId, readPositions.channelId, readPositions.threadId],
          set: { stamp: position.stamp, updatedAt: now },
          setWhere: sql`excluded.stamp > ${readPositions.stamp}`,
        })
        .run();
    }
  });
}
