// GET /api/channels/:id/threads: a split channel's threads by last activity, newest first, as the
// server last derived each from its thread document. The channel document holds the digests of
// the most recently active threads; older ones are paged from here (and cached by the client).
import { z } from "zod";
import type { ThreadDigest } from "../records/thread-digest.ts";

/** `next` of a page: the last thread's activity stamp and id. */
const THREAD_CURSOR = /^\d{15}\.\d{6}~.{1,128}$/su;

export const threadsQuery = z.object({
  /** `next` of the previous page. */
  before: z.string().regex(THREAD_CURSOR, "before: pass next of the previous page").optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type ThreadsQuery = z.infer<typeof threadsQuery>;

export interface ThreadListItem {
  threadId: string;
  digest: ThreadDigest;
}

export interface ThreadsPage {
  /** By the digest's lastActivityAt, newest first; ties by thread id. */
  threads: ThreadListItem[];
  /** Pass as `before` for the next page; null on the last page. */
  next: string | null;
}
