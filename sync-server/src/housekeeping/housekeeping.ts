// Purges what has outlived its use, on a schedule: expired sessions, invites that expired, were
// revoked or used up (after a grace period, so admins still see them for a while), audit
// entries older than the retention setting, link previews cached long ago, and files no message
// needs any more (see files/orphaned-files.ts).
import { and, isNotNull, lt, or, sql } from "drizzle-orm";
import type { AppContext } from "../context.ts";
import { auditLog, invites, linkPreviews, sessions } from "../db/schema.ts";
import type { Files } from "../files/files.ts";
import { LINK_PREVIEW_KEPT_MS } from "../link-previews/link-preview-store.ts";
import type { Logger } from "../logger.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a finished invite stays listed before it is purged. */
export const FINISHED_INVITE_GRACE_MS = 30 * DAY_MS;

export interface Purged {
  sessions: number;
  invites: number;
  auditEntries: number;
  linkPreviews: number;
}

export function purgeExpired(ctx: AppContext, auditRetentionDays: number): Purged {
  const now = ctx.now();
  const graceCutoff = now - FINISHED_INVITE_GRACE_MS;
  return ctx.db.transaction((tx) => ({
    sessions: tx.delete(sessions).where(lt(sessions.expiresAt, now)).run().changes,
    invites: tx
      .delete(invites)
      .where(
        or(
          lt(invites.expiresAt, graceCutoff),
          and(isNotNull(invites.revokedAt), lt(invites.revokedAt, graceCutoff)),
          and(
            isNotNull(invites.maxUses),
            sql`${invites.uses} >= ${invites.maxUses}`,
            lt(invites.createdAt, graceCutoff),
          ),
        ),
      )
      .run().changes,
    auditEntries: tx
      .delete(auditLog)
      .where(lt(auditLog.createdAt, now - auditRetentionDays * DAY_MS))
      .run().changes,
    linkPreviews: tx
      .delete(linkPreviews)
      .where(lt(linkPreviews.fetchedAt, now - LINK_PREVIEW_KEPT_MS))
      .run().changes,
  }));
}

export interface HousekeepingOptions {
  ctx: AppContext;
  logger: Logger;
  everyMs: number;
  auditRetentionDays: number;
  /** Files whose orphans are collected on each run; absent: none. */
  files?: Files;
}

/** Runs `purgeExpired` at start and then every `everyMs`, logging what it removed. */
export class Housekeeping {
  private readonly options: HousekeepingOptions;
  private timer: NodeJS.Timeout | null = null;

  constructor(options: HousekeepingOptions) {
    this.options = options;
  }

  start(): void {
    this.runOnce();
    this.timer = setInterval(() => this.runOnce(), this.options.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  runOnce(): Purged | null {
    void this.collectFiles();
    try {
      const purged = purgeExpired(this.options.ctx, this.options.auditRetentionDays);
      if (purged.sessions + purged.invites + purged.auditEntries + purged.linkPreviews > 0) {
        this.options.logger.info(purged, "housekeeping purged");
      }
      return purged;
    } catch (error) {
      this.options.logger.error({ err: error }, "housekeeping failed");
      return null;
    }
  }

  private collecting: Promise<void> | null = null;

  /** One collection at a time; a failure is logged and tried again on the next run. */
  private collectFiles(): Promise<void> {
    const files = this.options.files;
    if (files === undefined || this.collecting !== null)
      return this.collecting ?? Promise.resolve();
    this.collecting = files
      .collectGarbage()
      .then((collected) => {
        if (collected.uploads + collected.files + collected.blobs > 0) {
          this.options.logger.info(collected, "housekeeping collected files");
        }
      })
      .catch((error: unknown) => {
        this.options.logger.error({ err: error }, "collecting unused files failed");
      })
      .finally(() => {
        this.collecting = null;
      });
    return this.collecting;
  }

  /** Waits for a file collection under way (the server waits before closing the database). */
  async settled(): Promise<void> {
    await this.collecting;
  }
}
