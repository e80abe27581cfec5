// Handing a settled reply to the server, also after an outage: renew the
// claim (the server refuses only when another claim took the task), reconnect
// the channel, wait until the server acknowledged the whole reply, finish the
// ledger entry. A claim another bridge took over reports only the tokens its
// model call consumed.
import type { ClaimedTask } from "@openvibe/schema";
import type { Logger } from "../logger.ts";
import {
  type BridgeApi,
  BridgeApiError,
  type Lease,
  LeaseLostError,
} from "../server/bridge-api.ts";
import { ChannelDeniedError, type OpenChannel } from "../server/channel-connections.ts";
import { type Ending, finishRequest } from "./endings.ts";

export interface DeliveryDeps {
  api: BridgeApi;
  /** Delivery gives up when the bridge shuts down (the reply is then kept on disk, if it can). */
  shutdown: AbortSignal;
}

/** How long one attempt to hand the reply to the server waits for its acknowledgement. */
const ACK_TIMEOUT_MS = 15_000;
/** Pauses between attempts to deliver while the server is away. */
const RETRY_MIN_MS = 200;
const RETRY_MAX_MS = 5_000;
/** Ack timeouts in a row, with the server answering, after which delivery gives up (throws). */
const MAX_UNACKNOWLEDGED = 3;

/** How the task ends, and whose model call its tokens are (see `finishRequest`). */
export interface Settled {
  ending: Ending;
  usageAttempt: number | null;
}

/** An answer asking again will not change (a request the server cannot take, a task gone). */
export const refusedForGood = (error: unknown) =>
  error instanceof BridgeApiError &&
  error.status >= 400 &&
  error.status < 500 &&
  error.status !== 408 &&
  error.status !== 429;

/** Waits `ms`, or less when `signal` aborts. */
export const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });

/**
 * How a delivery ended: the reply is the server's and the task finished; another claim took the
 * task; the bridge stopped first; or the task's conversation is now in another document (the
 * channel was split meanwhile), where the reply has to be written again (./redeliver.ts).
 */
export type Delivery = "finished" | "lost" | "shut down" | { movedTo: string };

/**
 * Hands the settled reply to the server and finishes the ledger entry, retrying while the
 * server is away: renew the claim (refused only when another claim took the task), reconnect,
 * wait for the server's acknowledgement of the whole reply, finish. `channel` is the document
 * `task.documentName`.
 */
export async function deliver(
  task: ClaimedTask,
  settled: Settled,
  deps: DeliveryDeps,
  channel: OpenChannel,
  log: Logger,
  /** Called once, when the first try failed and delivery starts waiting for the server. */
  onWaiting: () => void = () => undefined,
): Promise<Delivery> {
  let wait = RETRY_MIN_MS;
  // Acknowledgements missing while the server answers (it holds the claim, yet does not take the
  // reply): a reply it will not take is not waited for forever.
  let unacknowledged = 0;
  for (let tries = 1; ; tries += 1) {
    let reachable = false;
    try {
      const { documentName } = await deps.api.heartbeat(task);
      reachable = true;
      if (documentName !== task.documentName) return { movedTo: documentName };
      channel.resume();
      await channel.flushed(ACK_TIMEOUT_MS);
      await deps.api.finish(task, finishRequest(settled.ending, settled.usageAttempt));
      if (tries > 1) log.info({ tries }, "reply delivered after the server came back");
      return "finished";
    } catch (error) {
      if (error instanceof LeaseLostError) return "lost";
      if (refusedForGood(error)) throw error;
      if (deps.shutdown.aborted) return "shut down";
      const denied = error instanceof ChannelDeniedError;
      unacknowledged = reachable && !denied ? unacknowledged + 1 : 0;
      if (unacknowledged >= MAX_UNACKNOWLEDGED) throw error;
      if (tries === 1) onWaiting();
      // The server is away, or refused the channel before the renewal reached it: try again.
      log[denied ? "info" : "warn"]({ err: error, retryInMs: wait }, "reply not delivered yet");
      await pause(wait, deps.shutdown);
      if (deps.shutdown.aborted) return "shut down";
      wait = Math.min(RETRY_MAX_MS, wait * 2);
    }
  }
}

/**
 * Renews the claim, retrying while the server is away: the renewed lease (with the document the
 * task's conversation is in now), "lost" when another claim took the task, "shut down" when the
 * bridge stopped first.
 */
export async function regain(
  task: ClaimedTask,
  deps: DeliveryDeps,
  log: Logger,
): Promise<Lease | "lost" | "shut down"> {
  let wait = RETRY_MIN_MS;
  while (!deps.shutdown.aborted) {
    try {
      return await deps.api.heartbeat(task);
    } catch (error) {
      if (error instanceof LeaseLostError) return "lost";
      if (refusedForGood(error)) throw error;
      log.warn({ err: error, retryInMs: wait }, "claim not renewed yet; retrying");
      await pause(wait, deps.shutdown);
      wait = Math.min(RETRY_MAX_MS, wait * 2);
    }
  }
  return "shut down";
}

/**
 * Reports the tokens a lost claim's model call consumed; false when the server could not be
 * reached after a few tries (or the bridge stopped first).
 */
export async function reportLostUsage(
  task: ClaimedTask,
  ending: Ending,
  deps: DeliveryDeps,
  log: Logger,
): Promise<boolean> {
  if (ending.inputTokens === 0 && ending.outputTokens === 0) return true;
  const usage = {
    model: ending.model,
    provider: ending.provider,
    inputTokens: ending.inputTokens,
    outputTokens: ending.outputTokens,
  };
  let wait = RETRY_MIN_MS;
  for (let tries = 0; tries < 6; tries += 1) {
    try {
      await deps.api.lostClaimUsage(task, usage);
      return true;
    } catch (error) {
      log.warn({ err: error }, "could not report the lost claim's usage; retrying");
      await pause(wait, deps.shutdown);
      if (deps.shutdown.aborted) break;
      wait = Math.min(RETRY_MAX_MS, wait * 2);
    }
  }
  log.error({ usage }, "the usage of a lost claim was not recorded");
  return false;
}
