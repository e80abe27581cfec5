// The soak's verdict over its rows: no errors, every update delivered, and a heap that holds the
// documents' data and nothing more. The loaded channels keep what is written (every posted
// message; with --edit, the tombstones each edit in place leaves), so the heap grows with the
// data: its growth between the second and the last quarter, per update sent in between, must
// stay within DATA_TOLERANCE of what an update costs a replica's heap (measured by the soak
// itself, soak-message-cost.ts). A leak per update or per message shows above it. Each quarter
// counts by its lowest heap reading (sampled every second), the nearest to what is live after a
// collection: a single reading lands anywhere on the collector's sawtooth (38 to 88 MB in one run).

/**
 * The heap's growth per update may exceed a replica's cost by this share: the lowest reading of
 * a quarter is after a collection only as far as one ran close to it.
 */
export const DATA_TOLERANCE = 0.5;

export interface Row {
  minute: number;
  rssMb: number | null;
  /** The lowest V8 heap in use sampled during the window. */
  heapMb: number | null;
  loopP99Ms: number | null;
  /** Updates sent in this window (messages posted or edits made), all channels together. */
  sent: number;
  delivered: number;
  expected: number;
  errors: number;
  latencyP99Ms: number | null;
}

interface Quarters {
  secondQuarterMb: number | null;
  lastQuarterMb: number | null;
}

export interface Verdict {
  errors: number;
  delivered: number;
  expected: number;
  /** Mean RSS of the quarters (reported, not judged: it follows the heap and the allocator). */
  rss: Quarters;
  /** Lowest heap of the quarters. */
  heap: Quarters;
  /** Heap growth between the quarters per update sent in between. */
  heapKbPerUpdate: number | null;
  /** What one update costs a replica's heap. */
  replicaKbPerUpdate: number;
  memoryHolds: boolean;
  passed: boolean;
}

const present = (values: (number | null)[]) => values.filter((v): v is number => v !== null);

const mean = (values: (number | null)[]) => {
  const numbers = present(values);
  return numbers.length === 0 ? null : numbers.reduce((a, b) => a + b, 0) / numbers.length;
};

const lowest = (values: (number | null)[]) => {
  const numbers = present(values);
  return numbers.length === 0 ? null : Math.min(...numbers);
};

export function verdictOf(rows: readonly Row[], replicaKbPerUpdate: number): Verdict {
  const quarter = Math.max(1, Math.floor(rows.length / 4));
  const second = rows.slice(quarter, 2 * quarter);
  const last = rows.slice(rows.length - quarter);
  const rss = {
    secondQuarterMb: mean(second.map((row) => row.rssMb)),
    lastQuarterMb: mean(last.map((row) => row.rssMb)),
  };
  const heap = {
    secondQuarterMb: lowest(second.map((row) => row.heapMb)),
    lastQuarterMb: lowest(last.map((row) => row.heapMb)),
  };
  const errors = rows.reduce((sum, row) => sum + row.errors, 0);
  const delivered = rows.reduce((sum, row) => sum + row.delivered, 0);
  const expected = rows.reduce((sum, row) => sum + row.expected, 0);
  const sentBetween = rows.slice(quarter, rows.length - quarter).reduce((n, r) => n + r.sent, 0);
  const heapKbPerUpdate =
    heap.secondQuarterMb === null || heap.lastQuarterMb === null || sentBetween === 0
      ? null
      : ((heap.lastQuarterMb - heap.secondQuarterMb) * 1024) / sentBetween;
  const memoryHolds =
    heapKbPerUpdate !== null && heapKbPerUpdate <= replicaKbPerUpdate * (1 + DATA_TOLERANCE);
  return {
    errors,
    delivered,
    expected,
    rss,
    heap,
    heapKbPerUpdate,
    replicaKbPerUpdate,
    memoryHolds,
    passed: errors === 0 && delivered === expected && memoryHolds,
  };
}

/** The verdict's memory lines, as the soak prints them. */
export function memoryLines(verdict: Verdict, what: "message posted" | "edit"): string[] {
  const mb = (value: number | null) => (value === null ? "n/a" : `${value.toFixed(0)} MB`);
  const kb = (value: number | null) => (value === null ? "n/a" : `${value.toFixed(2)} KB`);
  const { rss, heap } = verdict;
  const allowed = verdict.replicaKbPerUpdate * (1 + DATA_TOLERANCE);
  return [
    `memory (second quarter -> last quarter): lowest heap ${mb(heap.secondQuarterMb)} -> ${mb(heap.lastQuarterMb)}, mean RSS ${mb(rss.secondQuarterMb)} -> ${mb(rss.lastQuarterMb)}`,
    `heap growth per ${what} in between: ${kb(verdict.heapKbPerUpdate)}; one costs a replica ${kb(verdict.replicaKbPerUpdate)}, allowed ${kb(allowed)} (${verdict.memoryHolds ? "the data" : "more than the data"})`,
  ];
}
