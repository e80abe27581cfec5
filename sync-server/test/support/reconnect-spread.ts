// When the clients of a restarted server come back, and how spread out they are: the times each
// socket connects again, measured from when the server listened, summed up for a test's output.
import type { HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { withDeadline } from "./deadline.ts";

/** Resolves with when (epoch ms) each socket next connects, in the sockets' order. */
export function nextConnections(
  sockets: readonly HocuspocusProviderWebsocket[],
  timeoutMs = 30_000,
): Promise<number[]> {
  const connected = sockets.map(
    (socket) =>
      new Promise<number>((resolve) => {
        const onConnect = () => {
          socket.off("connect", onConnect);
          resolve(Date.now());
        };
        socket.on("connect", onConnect);
      }),
  );
  return withDeadline(
    Promise.all(connected),
    `${sockets.length} sockets to connect again`,
    timeoutMs,
  );
}

export interface ReconnectSpread {
  /** Each client's reconnect, in ms after the server listened, earliest first. */
  afterMs: number[];
  /** From the first reconnect to the last. */
  spreadMs: number;
}

export function reconnectSpread(
  connectedAt: readonly number[],
  listenedAt: number,
): ReconnectSpread {
  const afterMs = connectedAt.map((at) => at - listenedAt).sort((a, b) => a - b);
  return { afterMs, spreadMs: (afterMs.at(-1) ?? 0) - (afterMs[0] ?? 0) };
}

/** The value below which `share` of the sorted values fall (nearest rank). */
function quantile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

/** One line: how many, first and last, spread, and the quartiles and 90th percentile. */
export function describeSpread({ afterMs, spreadMs }: ReconnectSpread): string {
  const at = (share: number) => quantile(afterMs, share);
  return (
    `${afterMs.length} reconnects ${afterMs[0]}..${afterMs.at(-1)} ms after the server listened ` +
    `(spread ${spreadMs} ms; p25 ${at(0.25)}, p50 ${at(0.5)}, p75 ${at(0.75)}, p90 ${at(0.9)})`
  );
}
