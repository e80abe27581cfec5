// OpenVibe's group commits during a load, from its `openvibe_commit_seconds` histogram (a
// Prometheus text exposition read before and after): how many, their mean time and the bucket
// bound below which 99% of them finished. Every update waits for its batch's commit (with its
// fsync) before it is acknowledged or forwarded, so this is a floor under OpenVibe's latency.

/** A histogram as exposed: cumulative counts by upper bound (seconds, ascending), count, sum. */
export interface CommitHistogram {
  buckets: [upperBound: number, cumulative: number][];
  count: number;
  sum: number;
}

export interface CommitTimes {
  commits: number;
  meanMs: number | null;
  /** The smallest bucket bound (ms) that 99% of the commits finished within; null: none. */
  p99AtMostMs: number | null;
}

const NAME = "openvibe_commit_seconds";

/** The histogram from an exposition; null when it has none (another server, an old build). */
export function readCommitHistogram(exposition: string): CommitHistogram | null {
  const buckets: [number, number][] = [];
  let count: number | null = null;
  let sum: number | null = null;
  for (const line of exposition.split("\n")) {
    if (!line.startsWith(NAME)) continue;
    const value = Number(line.slice(line.lastIndexOf(" ") + 1));
    if (!Number.isFinite(value)) continue;
    if (line.startsWith(`${NAME}_count`)) count = value;
    else if (line.startsWith(`${NAME}_sum`)) sum = value;
    else if (line.startsWith(`${NAME}_bucket{`)) {
      const bound = /le="([^"]+)"/.exec(line)?.[1];
      if (bound === undefined) continue;
      buckets.push([bound === "+Inf" ? Number.POSITIVE_INFINITY : Number(bound), value]);
    }
  }
  if (count === null || sum === null) return null;
  buckets.sort((a, b) => a[0] - b[0]);
  return { buckets, count, sum };
}

/** The commits between two readings of the histogram. */
export function commitTimesBetween(before: CommitHistogram, after: CommitHistogram): CommitTimes {
  const commits = after.count - before.count;
  if (commits <= 0) return { commits: 0, meanMs: null, p99AtMostMs: null };
  const earlier = new Map(before.buckets);
  const wanted = Math.ceil(commits * 0.99);
  let p99AtMostMs: number | null = null;
  for (const [bound, cumulative] of after.buckets) {
    if (cumulative - (earlier.get(bound) ?? 0) >= wanted) {
      p99AtMostMs = Number.isFinite(bound) ? bound * 1000 : null;
      break;
    }
  }
  return { commits, meanMs: ((after.sum - before.sum) / commits) * 1000, p99AtMostMs };
}
