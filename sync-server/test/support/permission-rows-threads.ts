// Permission-matrix rows for a channel's thread list (GET /channels/:id/threads): readers of the
// channel's content only, 404 for everyone else. The private channel's thread is titled with its
// topic, so the leak check fails if its digest reaches someone outside it.
import { formatStamp } from "@openvibe/schema";
import { ThreadIndexRows } from "../../src/threads/thread-index-rows.ts";
import { type Row, signedIn } from "./permission-table.ts";
import { fresh, type PermissionWorld } from "./permission-world.ts";

const seeded = new WeakSet<PermissionWorld>();

/** One indexed thread in each channel, once. */
function seedThreads(w: PermissionWorld): void {
  if (seeded.has(w)) return;
  seeded.add(w);
  const rows = new ThreadIndexRows(w.server.ctx.db.$client);
  const at = formatStamp(Date.now());
  for (const [channel, title] of [
    [w.general, "lunch"],
    [w.secret, w.secretTopic],
  ] as const) {
    const digest = {
      title,
      status: "active" as const,
      createdBy: { kind: "human" as const, id: w.member.user.id },
      createdAt: at,
      messageCount: 1,
      lastActivityAt: at,
      latestStamp: at,
      openForkCount: 0,
      pinned: [],
      recent: [],
    };
    rows.write(channel.id, fresh("thread"), digest, 0);
  }
}

const listing = (channel: "general" | "secret") => (w: PermissionWorld) => {
  seedThreads(w);
  return { path: `/channels/${w[channel].id}/threads` };
};

export const THREAD_ROWS: Row[] = [
  {
    route: "GET /channels/:id/threads",
    note: "public channel",
    expect: signedIn({ guest: 404, outsider: 404 }),
    request: listing("general"),
  },
  {
    route: "GET /channels/:id/threads",
    note: "private channel",
    expect: signedIn({ outsider: 404 }),
    request: listing("secret"),
  },
];
