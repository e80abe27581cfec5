// Permission-matrix rows for channels and their members, on the public
// channel, the private one, and throwaway channels the admin made.

import { openDirectMessage } from "../../src/channels/direct-messages.ts";
import { adminsChannel, at, type Row, signedIn } from "./permission-table.ts";
import {
  fresh,
  freshChannel,
  freshUser,
  type PermissionWorld,
  userOf,
} from "./permission-world.ts";

/** A direct message between two fresh people: nobody else, admins included, may see it. */
async function othersDirectMessage(w: PermissionWorld) {
  const [a, b] = [await freshUser(w), await freshUser(w)];
  return openDirectMessage(w.server.ctx, a, { userIds: [b.id] }).channel;
}

/** What a direct message of others answers everyone: as if it did not exist. */
const nobodysBusiness = signedIn({
  admin: 404,
  member: 404,
  guest: 404,
  outsider: 404,
  agent: 404,
});

export const CHANNEL_ROWS: Row[] = [
  { route: "GET /channels", expect: signedIn(), request: at("/channels") },
  {
    route: "POST /channels",
    expect: signedIn({ guest: 403 }),
    request: () => ({ path: "/channels", body: { name: fresh("new") } }),
  },
  {
    route: "GET /channels/:id",
    note: "public",
    expect: signedIn({ guest: 404 }),
    request: (w) => ({ path: `/channels/${w.general.id}` }),
  },
  {
    route: "GET /channels/:id",
    note: "private",
    expect: signedIn({ outsider: 404 }),
    request: (w) => ({ path: `/channels/${w.secret.id}` }),
  },
  {
    route: "PATCH /channels/:id",
    note: "public, not a member",
    expect: adminsChannel(),
    request: (w) => ({ path: `/channels/${freshChannel(w).id}`, body: { topic: "new topic" } }),
  },
  {
    route: "PATCH /channels/:id",
    note: "private",
    expect: signedIn({ guest: 403, outsider: 404 }),
    request: (w) => ({ path: `/channels/${w.secret.id}`, body: { topic: w.secretTopic } }),
  },
  {
    route: "POST /channels/:id/archive",
    expect: adminsChannel(),
    request: (w) => ({ path: `/channels/${freshChannel(w).id}/archive` }),
  },
  {
    route: "POST /channels/:id/unarchive",
    expect: adminsChannel(),
    request: (w) => ({ path: `/channels/${freshChannel(w, { archived: true }).id}/unarchive` }),
  },
  {
    route: "POST /channels/:id/join",
    note: "public",
    expect: signedIn({ guest: 404 }),
    request: (w) => ({ path: `/channels/${freshChannel(w).id}/join` }),
  },
  {
    route: "POST /channels/:id/join",
    note: "private",
    expect: signedIn({ outsider: 404 }),
    request: (w) => ({ path: `/channels/${w.secret.id}/join` }),
  },
  {
    route: "POST /channels/:id/leave",
    expect: signedIn(),
    request: (w, who) => ({
      path: `/channels/${freshChannel(w, { members: [userOf(w, who)] }).id}/leave`,
    }),
  },
  {
    route: "GET /channels/:id/members",
    note: "public",
    expect: signedIn({ guest: 404 }),
    request: (w) => ({ path: `/channels/${w.general.id}/members` }),
  },
  {
    route: "GET /channels/:id/members",
    note: "private",
    expect: signedIn({ outsider: 404 }),
    request: (w) => ({ path: `/channels/${w.secret.id}/members` }),
  },
  {
    route: "PUT /channels/:id/members/:userId",
    note: "public",
    expect: signedIn({ guest: 404, outsider: 403 }),
    request: async (w) => ({
      path: `/channels/${w.general.id}/members/${(await freshUser(w)).id}`,
    }),
  },
  {
    route: "PUT /channels/:id/members/:userId",
    note: "private",
    expect: signedIn({ guest: 403, outsider: 404 }),
    request: async (w) => ({ path: `/channels/${w.secret.id}/members/${(await freshUser(w)).id}` }),
  },
  {
    route: "DELETE /channels/:id/members/:userId",
    note: "public",
    expect: adminsChannel(),
    request: async (w) => {
      const target = await freshUser(w);
      return {
        path: `/channels/${freshChannel(w, { members: [target] }).id}/members/${target.id}`,
      };
    },
  },
  {
    route: "DELETE /channels/:id/members/:userId",
    note: "private",
    expect: signedIn({ member: 403, guest: 403, agent: 403, outsider: 404 }),
    request: async (w) => ({
      path: `/channels/${w.secret.id}/members/${(await freshUser(w, { in: w.secret })).id}`,
    }),
  },
  {
    route: "POST /direct-messages",
    expect: signedIn({ guest: 403 }),
    request: async (w) => ({
      path: "/direct-messages",
      body: { userIds: [(await freshUser(w)).id] },
    }),
  },
  {
    route: "GET /channels/:id",
    note: "others' direct message",
    expect: nobodysBusiness,
    request: async (w) => ({ path: `/channels/${(await othersDirectMessage(w)).id}` }),
  },
  {
    route: "GET /channels/:id/members",
    note: "others' direct message",
    expect: nobodysBusiness,
    request: async (w) => ({ path: `/channels/${(await othersDirectMessage(w)).id}/members` }),
  },
  {
    route: "PUT /channels/:id/members/:userId",
    note: "others' direct message",
    expect: nobodysBusiness,
    request: async (w) => ({
      path: `/channels/${(await othersDirectMessage(w)).id}/members/${(await freshUser(w)).id}`,
    }),
  },
];
