// The link-preview cache in SQLite: what a page said, or that it gave nothing, by page URL.
import { eq } from "drizzle-orm";
import type { AppContext } from "../context.ts";
import { linkPreviews } from "../db/schema.ts";

export type StoredPreview = typeof linkPreviews.$inferSelect;

/** Cached previews (and their images) are purged by housekeeping this long after their fetch. */
export const LINK_PREVIEW_KEPT_MS = 7 * 24 * 60 * 60 * 1000;

export function readStoredPreview(ctx: AppContext, url: string): StoredPreview | undefined {
  return ctx.db.select().from(linkPreviews).where(eq(linkPreviews.url, url)).get();
}

export function storePreview(ctx: AppContext, row: StoredPreview): void {
  ctx.db
    .insert(linkPreviews)
    .values(row)
    .onConflictDoUpdate({ target: linkPreviews.url, set: row })
    .run();
}
