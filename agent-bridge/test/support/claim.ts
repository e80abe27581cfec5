// Claims the next task over HTTP as a bridge would, for tests that play the bridge themselves.
import type { ApiClient } from "../../../sync-server/test/support/api-client.ts";

/**
 * How long the claim's long poll may wait for the task a test's mention queues: it answers as
 * soon as the task exists, and a full suite's load has delayed that past 5 s.
 */
const CLAIM_WAIT_MS = 20_000;

/** The next task this bridge may claim; throws when none came within the wait. */
export async function claimNextTask(holder: ApiClient): Promise<{ id: string; attempt: number }> {
  const claim = await holder.post<{ id: string; attempt: number }>("/api/bridge/claim", {
    waitMs: CLAIM_WAIT_MS,
  });
  if (claim.status !== 200) {
    throw new Error(`no task to claim within ${CLAIM_WAIT_MS} ms (status ${claim.status})`);
  }
  return claim.body;
}
