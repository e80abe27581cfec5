// What every streamed model call shares, whatever its SDK: a stall detector
// on the stream, the usage counted so far kept when the call fails, and the
// SDK's errors turned into ModelErrors.
import { type IdleTimeout, idleTimeout } from "./idle-timeout.ts";
import { type SdkFailure, toModelError } from "./model-failure.ts";
import type { ModelRequest, ModelResult } from "./model-provider.ts";

/** How long and how often a provider's SDK may try: its options extend this. */
export interface CallLimits {
  /** Retries of a refused or failed request before any text arrived (default 4). */
  maxRetries?: number;
  /** Longest wait for the whole request (default 10 minutes). */
  timeoutMs?: number;
  /** Longest silence inside a stream before it counts as stalled (default 60 s). */
  idleTimeoutMs?: number;
}

/** The SDK client settings for `limits`, and the stall limit. */
export function callLimits(limits: CallLimits) {
  return {
    sdk: { maxRetries: limits.maxRetries ?? 4, timeout: limits.timeoutMs ?? 10 * 60 * 1000 },
    idleTimeoutMs: limits.idleTimeoutMs ?? 60_000,
  };
}

export interface StreamedCall {
  /** Aborts on the caller's signal or a stall; give it to the SDK. */
  signal: AbortSignal;
  /** What the call has reported so far; `stream` fills it in. */
  result: ModelResult;
  /** Call on every event of the stream. */
  touch: IdleTimeout["touch"];
  /** Counts a streamed piece of text: output tokens are reported at the end, so one at least. */
  countDelta(): void;
}

export async function streamedCall(
  request: ModelRequest,
  options: { signal: AbortSignal; idleTimeoutMs: number; classify(error: unknown): SdkFailure },
  stream: (call: StreamedCall) => Promise<void>,
): Promise<ModelResult> {
  const idle = idleTimeout(options.signal, options.idleTimeoutMs);
  const result: ModelResult = {
    model: request.model,
    usage: { inputTokens: 0, outputTokens: 0 },
    stopReason: null,
    toolCalls: [],
  };
  let deltas = 0;
  const countDelta = () => {
    deltas += 1;
    result.usage.outputTokens = Math.max(result.usage.outputTokens, deltas);
  };
  try {
    await stream({ signal: idle.signal, result, touch: idle.touch, countDelta });
    // An aborted stream can end quietly instead of throwing.
    if (idle.signal.aborted) throw idle.signal.reason;
    return result;
  } catch (error) {
    throw toModelError(error, options.classify(error), {
      caller: options.signal,
      stalled: idle.stalled(),
      usage: result.usage,
    });
  } finally {
    idle.dispose();
  }
}
