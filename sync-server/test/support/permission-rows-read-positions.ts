// Permission-matrix rows for read positions. Everyone signed in may call both routes; each
// writes a position in every channel, hidden ones included, and the leak check then fails if a
// position in a channel the caller cannot read comes back.
import { formatStamp } from "@openvibe/schema";
import { at, type Row, signedIn } from "./permission-table.ts";
import type { PermissionWorld } from "./permission-world.ts";

const everywhere = (w: PermissionWorld) =>
  [w.general.id, w.secret.id, w.vault.id].map((channelId) => ({
    channelId,
    threadId: null,
    stamp: formatStamp(1_700_000_000_000),
  }));

export const READ_POSITION_ROWS: Row[] = [
  { route: "GET /me/read-positions", expect: signedIn(), request: at("/me/read-positions") },
  {
    route: "PUT /me/read-positions",
    expect: signedIn(),
    request: (w) => ({ path: "/me/read-positions", body: everywhere(w) }),
  },
];
