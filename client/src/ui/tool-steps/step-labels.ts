// How a tool step reads in a reply: its outcome in words and its duration.
import type { ToolStepStatus } from "@openvibe/schema";

const OUTCOMES: Record<ToolStepStatus, string> = {
  awaiting: "awaiting approval",
  running: "running…",
  ok: "done",
  error: "failed",
  cancelled: "stopped",
  denied: "not run",
};

export function outcomeLabel(status: ToolStepStatus): string {
  return OUTCOMES[status];
}

/** "850 ms", "2.4 s", "1 min 5 s"; empty while running. */
export function durationLabel(durationMs: number | null): string {
  if (durationMs === null) return "";
  if (durationMs < 1_000) return `${Math.round(durationMs)} ms`;
  if (durationMs < 60_000) return `${(durationMs / 1_000).toFixed(1)} s`;
  const seconds = Math.round(durationMs / 1_000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** The line above a reply's steps: how many calls, and whether one is still running. */
export function stepsHeading(statuses: readonly ToolStepStatus[]): string {
  const calls = `${statuses.length} tool ${statuses.length === 1 ? "call" : "calls"}`;
  const failed = statuses.filter((s) => s === "error").length;
  const running = statuses.includes("running") ? " · running…" : "";
  const awaiting = statuses.includes("awaiting") ? " · awaiting approval" : "";
  return `${calls}${failed > 0 ? ` · ${failed} failed` : ""}${running}${awaiting}`;
}
