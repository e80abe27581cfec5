// Whether a thread offers starting a fork, from the workspace's settings and the thread's read
// model: not at all while forks are turned off; refused, with the reason, while the thread holds
// as many open forks as the workspace allows. Existing forks stay readable and closable either way.
import type { ThreadView, WorkspaceSettings } from "@openvibe/schema";

export type ForkOffer = { offered: false } | { offered: true; refusal: string | null };

type ForkSettings = Pick<WorkspaceSettings, "features" | "maxOpenForksPerThread" | "forkLabel">;

/** Open forks of a thread: every fork branches from a main-line message (deleted ones too). */
export function openForkCount(view: ThreadView): number {
  return view.messages.reduce(
    (count, message) => count + message.forks.filter((fork) => fork.status === "open").length,
    0,
  );
}

export function forkOffer(settings: ForkSettings, view: ThreadView): ForkOffer {
  if (!settings.features.forks) return { offered: false };
  const open = openForkCount(view);
  const limit = settings.maxOpenForksPerThread;
  if (open < limit) return { offered: true, refusal: null };
  const label = settings.forkLabel.toLowerCase();
  return {
    offered: true,
    refusal: `This thread already has ${open} open ${label}${open === 1 ? "" : "s"} (the workspace allows ${limit}): resolve or abandon one first.`,
  };
}
