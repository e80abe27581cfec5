// Garbage collection of files, run by housekeeping. After the grace period: uploads that never
// finished, stored files no live message names (never posted, taken off, tombstoned, or their
// channel gone), then every blob no remaining file or thumbnail uses. The grace period lets an
// offline client post the message after its upload, and keeps a file briefly restorable.
import { rm } from "node:fs/promises";
import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { AppContext } from "../context.ts";
import { attachmentRefs, attachments, blobs, channels } from "../db/schema.ts";
import type { BlobStore } from "./blob-store.ts";

export interface CollectedFiles {
  uploads: number;
  files: number;
  blobs: number;
}

export async function collectOrphanedFiles(
  ctx: AppContext,
  store: BlobStore,
  partPath: (id: string) => string,
  graceMs: number,
): Promise<CollectedFiles> {
  const cutoff = ctx.now() - graceMs;
  const liveRef = sql`exists (select 1 from ${attachmentRefs} where ${attachmentRefs.attachmentId} = ${attachments.id} and ${attachmentRefs.channelId} = ${attachments.channelId} and ${attachmentRefs.authorId} = ${attachments.uploaderId} and ${attachmentRefs.removedAt} is null)`;
  const lastRemoved = sql`(select max(${attachmentRefs.removedAt}) from ${attachmentRefs} where ${attachmentRefs.attachmentId} = ${attachments.id})`;
  const channelGone = sql`not exists (select 1 from ${channels} where ${channels.id} = ${attachments.channelId})`;
  const unfinished = ctx.db
    .select({ id: attachments.id })
    .from(attachments)
    .where(and(eq(attachments.status, "uploading"), lt(attachments.createdAt, cutoff)))
    .all()
    .map((row) => row.id);
  const orphaned = ctx.db
    .select({ id: attachments.id })
    .from(attachments)
    .where(
      and(
        eq(attachments.status, "stored"),
        or(
          channelGone,
          and(
            sql`not ${liveRef}`,
            lt(sql`coalesce(${lastRemoved}, ${attachments.storedAt})`, cutoff),
          ),
        ),
      ),
    )
    .all()
    .map((row) => row.id);
  const gone = [...unfinished, ...orphaned];
  if (gone.length > 0) {
    ctx.db.transaction((tx) => {
      tx.delete(attachments).where(inArray(attachments.id, gone)).run();
      tx.delete(attachmentRefs).where(inArray(attachmentRefs.attachmentId, gone)).run();
    });
  }
  for (const id of unfinished) await rm(partPath(id), { force: true });
  const unused = ctx.db
    .select({ sha256: blobs.sha256 })
    .from(blobs)
    .where(
      and(
        lt(blobs.createdAt, cutoff),
        sql`not exists (select 1 from ${attachments} where ${attachments.sha256} = ${blobs.sha256} or ${attachments.thumbnailSha256} = ${blobs.sha256})`,
      ),
    )
    .all();
  for (const { sha256 } of unused) {
    await store.delete(sha256);
    ctx.db.delete(blobs).where(eq(blobs.sha256, sha256)).run();
  }
  return { uploads: unfinished.length, files: orphaned.length, blobs: unused.length };
}
