// The bridge-task benchmark at a tiny size, end to end, so it cannot rot: the real server and
// bridge answer each mention to its end, the bridge opens only the task's thread document, and
// its memory is reported. Nothing here asserts a time; that is the benchmark's business.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { benchJson } from "./lib/bench-json.ts";

const BENCH = fileURLToPath(new URL("./bridge-task", import.meta.url));
// A hang, not a slow machine: the run takes about 20 s on a loaded machine.
const DEADLINE_MS = 120_000;

interface Memory {
  heapMb: number | null;
  rssMb: number;
}

interface Output {
  results: {
    messages: number;
    threads: number;
    before: Memory;
    afterAll: Memory;
    tasks: {
      status: string;
      firstTokenMs: number;
      doneMs: number;
      answering: Memory;
      documents: string[];
      onlyItsThread: boolean;
    }[];
  }[];
}

describe("scripts/bench/bridge-task", () => {
  it(
    "answers every mention through the real bridge, which opens only the task's thread",
    async () => {
      const [size] = (
        await benchJson<Output>(
          BENCH,
          ["--sizes", "200", "--tasks", "2", "--tokens", "20", "--json"],
          DEADLINE_MS,
        )
      ).results;
      expect(size?.messages).toBe(200);
      expect(size?.threads).toBeGreaterThan(1);
      expect(size?.tasks).toHaveLength(2);
      const threads = new Set<string>();
      for (const task of size?.tasks ?? []) {
        expect(task.status).toBe("completed");
        expect(task.firstTokenMs).toBeLessThanOrEqual(task.doneMs);
        expect(task.onlyItsThread).toBe(true);
        expect(task.documents).toHaveLength(1);
        for (const name of task.documents) threads.add(name);
        expect(task.answering.heapMb).toBeGreaterThan(0);
      }
      // Two tasks, two different threads: the bridge left the first before opening the second.
      expect(threads.size).toBe(2);
      expect(size?.before.heapMb).toBeGreaterThan(0);
      expect(size?.afterAll.rssMb).toBeGreaterThan(0);
    },
    DEADLINE_MS + 5_000,
  );
});
