import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { commitTimesBetween, readCommitHistogram } from "./commit-times.ts";

const BOUNDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** The exposition prom-client writes for these observations (seconds), among other metrics. */
function exposition(observations: readonly number[]): string {
  const lines = [
    "# HELP openvibe_stored_updates_total Document updates made durable (group commit)",
    "openvibe_stored_updates_total 12",
    "# TYPE openvibe_commit_seconds histogram",
  ];
  for (const bound of [...BOUNDS, Number.POSITIVE_INFINITY]) {
    const within = observations.filter((o) => o <= bound).length;
    const le = Number.isFinite(bound) ? String(bound) : "+Inf";
    lines.push(`openvibe_commit_seconds_bucket{le="${le}"} ${within}`);
  }
  lines.push(`openvibe_commit_seconds_sum ${observations.reduce((a, b) => a + b, 0)}`);
  lines.push(`openvibe_commit_seconds_count ${observations.length}`);
  lines.push("openvibe_connections 3");
  return `${lines.join("\n")}\n`;
}

describe("commit times from OpenVibe's metrics", () => {
  it("reads the commits between two scrapes: count, mean, and the bucket 99% fit in", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.0001, max: 3, noNaN: true }), { maxLength: 50 }),
        fc.array(fc.double({ min: 0.0001, max: 3, noNaN: true }), { minLength: 1, maxLength: 300 }),
        (earlier, during) => {
          const before = readCommitHistogram(exposition(earlier));
          const after = readCommitHistogram(exposition([...earlier, ...during]));
          if (before === null || after === null) throw new Error("histogram not read");
          const times = commitTimesBetween(before, after);
          expect(times.commits).toBe(during.length);
          const mean = (during.reduce((a, b) => a + b, 0) / during.length) * 1000;
          expect(times.meanMs).toBeCloseTo(mean, 6);
          const sorted = [...during].sort((a, b) => a - b);
          const p99 = sorted[Math.ceil(during.length * 0.99) - 1] ?? 0;
          const bound = BOUNDS.find((b) => p99 <= b);
          expect(times.p99AtMostMs).toBe(bound === undefined ? null : bound * 1000);
        },
      ),
    );
  });

  it("finds no histogram in another server's answer, and no commits when none were made", () => {
    expect(readCommitHistogram("openvibe_connections 3\n")).toBeNull();
    const same = readCommitHistogram(exposition([0.004, 0.02]));
    if (same === null) throw new Error("histogram not read");
    expect(commitTimesBetween(same, same)).toEqual({ commits: 0, meanMs: null, p99AtMostMs: null });
  });
});
