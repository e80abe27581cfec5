// Permission-matrix rows for search. Messages quoting each hidden channel's topic are put in
// the index of the private channel and of the vault (admin only); the leak check then fails if
// any hit (its channel id or name) reaches someone who cannot read that channel.
import { SearchIndex } from "../../src/search/search-index.ts";
import { at, type Row, signedIn } from "./permission-table.ts";
import type { PermissionWorld } from "./permission-world.ts";

const seeded = new WeakSet<PermissionWorld>();

function seedIndex(w: PermissionWorld): void {
  if (seeded.has(w)) return;
  seeded.add(w);
  const index = new SearchIndex(w.server.ctx.db.$client);
  const row = (channelId: string, messageId: string, body: string) => ({
    messageId,
    channelId,
    threadId: `${messageId}-thread`,
    threadTitle: "matrix",
    forkId: null,
    authorId: w.admin.user.id,
    authorKind: "human",
    createdAt: "001700000000000.000000",
    createdMs: 1_700_000_000_000,
    pinned: false,
    hasFork: false,
    body,
    mentions: [],
  });
  index.write([
    row(w.secret.id, "matrix-secret", `zanzibar ${w.secretTopic}`),
    row(w.vault.id, "matrix-vault", `zanzibar ${w.vaultTopic}`),
  ]);
}

const searching = (q: string) => (w: PermissionWorld) => {
  seedIndex(w);
  return at(`/search?q=${encodeURIComponent(q)}`)();
};

export const SEARCH_ROWS: Row[] = [
  { route: "GET /mentions", expect: signedIn(), request: at("/mentions") },
  { route: "GET /search", note: "words", expect: signedIn(), request: searching("zanzibar") },
  {
    route: "GET /search",
    note: "in:#private channel",
    expect: signedIn(),
    request: searching("in:#secret-plans in:#vault-room zanzibar"),
  },
];
