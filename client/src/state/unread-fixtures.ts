// Test data for the unread and notification computations.
import type { MessageView, ThreadSummary } from "@openvibe/schema";

export function stamp(ms: number): string {
  return `${String(ms).padStart(15, "0")}.000000`;
}

export function message(id: string, at: number, extra: Partial<MessageView> = {}): MessageView {
  return {
    id,
    threadId: "t1",
    forkId: null,
    kind: "message",
    summaryOfForkId: null,
    author: { kind: "human", id: "bob" },
    createdAt: stamp(at),
    body: id,
    mentions: [],
    edited: false,
    editedAt: null,
    deleted: false,
    deletedAt: null,
    deletedBy: null,
    previewRemoved: false,
    task: null,
    reactions: [],
    pinned: false,
    forks: [],
    attachments: [],
    ...extra,
  };
}

export function summary(id: string, lastAt: number): ThreadSummary {
  return {
    id,
    title: `Thread ${id}`,
    status: "active",
    createdBy: { kind: "human", id: "bob" },
    createdAt: stamp(1),
    messageCount: 0,
    lastActivityAt: stamp(lastAt),
  };
}
