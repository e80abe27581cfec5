// Permission-matrix rows for context items. Items of the private channel quote its topic, so the
// leak check fails if any reaches someone who cannot read that channel; changes act on fresh
// items by the member (its author), so admins moderate, other readers get 403, others 404.
import { rememberMessage } from "../../src/context-items/context-items.ts";
import { type Expectations, type Row, signedIn } from "./permission-table.ts";
import { fresh, type PermissionWorld } from "./permission-world.ts";

/** A fresh item of the private channel by the member, quoting the channel's topic. */
function secretItem(w: PermissionWorld): string {
  return rememberMessage(w.server.ctx, w.member.user, w.secret.id, {
    kind: "fact",
    text: `Remember: ${w.secretTopic}`,
    scope: "channel",
    threadId: fresh("thread"),
    forkId: null,
    messageId: fresh("message"),
  }).id;
}

const seeded = new WeakSet<PermissionWorld>();

/** Items in every scope, once: the lists below must show each only to its scope's readers. */
function seedItems(w: PermissionWorld): void {
  if (seeded.has(w)) return;
  seeded.add(w);
  secretItem(w);
  rememberMessage(w.server.ctx, w.member.user, w.general.id, {
    kind: "decision",
    text: "We ship on Tuesdays",
    scope: "workspace",
    threadId: fresh("thread"),
    forkId: null,
    messageId: fresh("message"),
  });
}

const listing = (channel: "general" | "secret") => (w: PermissionWorld) => {
  seedItems(w);
  return { path: `/channels/${w[channel].id}/context-items` };
};

/** The item's author (member) and admins change it; its other readers get 403. */
const authorOrAdmin = (): Expectations => signedIn({ guest: 403, outsider: 404, agent: 403 });
const bridgesOnly = () =>
  signedIn({ admin: 403, member: 403, guest: 403, outsider: 403, agent: 403 });
const TASK = "01JZZZZZZZZZZZZZZZZZZZZZZZ";

export const CONTEXT_ITEM_ROWS: Row[] = [
  {
    route: "GET /channels/:id/context-items",
    note: "public channel",
    expect: signedIn({ guest: 404, outsider: 404 }),
    request: listing("general"),
  },
  {
    route: "GET /channels/:id/context-items",
    note: "private channel",
    expect: signedIn({ outsider: 404 }),
    request: listing("secret"),
  },
  {
    route: "POST /channels/:id/context-items",
    expect: signedIn({ guest: 403, outsider: 404 }),
    request: (w) => ({
      path: `/channels/${w.secret.id}/context-items`,
      body: {
        kind: "action",
        text: "Book the room",
        scope: "thread",
        threadId: fresh("thread"),
        messageId: fresh("message"),
      },
    }),
  },
  {
    route: "PATCH /context-items/:id",
    expect: authorOrAdmin(),
    request: (w) => ({ path: `/context-items/${secretItem(w)}`, body: { text: "Changed" } }),
  },
  {
    route: "DELETE /context-items/:id",
    expect: authorOrAdmin(),
    request: (w) => ({ path: `/context-items/${secretItem(w)}` }),
  },
  {
    route: "POST /context-items/merge",
    expect: authorOrAdmin(),
    request: (w) => ({
      path: "/context-items/merge",
      body: { ids: [secretItem(w), secretItem(w)], kind: "fact", text: "Both" },
    }),
  },
  {
    route: "GET /bridge/tasks/:id/context-items",
    expect: bridgesOnly(),
    request: () => ({ path: `/bridge/tasks/${TASK}/context-items` }),
  },
  {
    route: "POST /bridge/tasks/:id/context-items",
    expect: bridgesOnly(),
    request: () => ({
      path: `/bridge/tasks/${TASK}/context-items`,
      body: { attempt: 1, kind: "fact", text: "x", scope: "thread" },
    }),
  },
];
