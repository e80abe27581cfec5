// The revocation rules (which change closes which connection, with which code)
// and the replay of changes that happened while a connection was being set up.
import type { connectedPayload, onAuthenticatePayload } from "@hocuspocus/server";
import { CLOSE_CODES } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import type { Credential, UserRecord } from "../accounts/principal.ts";
import { type AccessChange, AccessChanges } from "../permissions/access-changes.ts";
import { closeCodeFor } from "./access-change-effects.ts";
import type { ConnectionContext } from "./connection-context.ts";
import { Revocation } from "./revocation.ts";

function testContext(via: Credential, channelId = "c1"): ConnectionContext {
  const user: UserRecord = {
    id: "u1",
    kind: "human",
    email: "u1@example.com",
    handle: "u1",
    displayName: "U One",
    avatarColor: "#2563eb",
    passwordHash: null,
    role: "member",
    status: "active",
    createdAt: 0,
    deactivatedAt: null,
  };
  return { principal: { user, via }, channelId, access: "write", bridgeKeyId: null };
}

const session = testContext({ kind: "session", sessionId: "s1" });
const apiKey = testContext({ kind: "api-key", apiKeyId: "k1" });

const cases: [
  string,
  AccessChange,
  ConnectionContext,
  (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES] | null,
][] = [
  [
    "deactivation, session",
    { kind: "user-deactivated", userId: "u1" },
    session,
    CLOSE_CODES.sessionEnded,
  ],
  [
    "deactivation, key",
    { kind: "user-deactivated", userId: "u1" },
    apiKey,
    CLOSE_CODES.sessionEnded,
  ],
  ["someone else's deactivation", { kind: "user-deactivated", userId: "u2" }, session, null],
  [
    "logout of this session",
    { kind: "sessions-ended", userId: "u1", sessionId: "s1" },
    session,
    CLOSE_CODES.sessionEnded,
  ],
  [
    "logout of another session",
    { kind: "sessions-ended", userId: "u1", sessionId: "s2" },
    session,
    null,
  ],
  [
    "logout everywhere",
    { kind: "sessions-ended", userId: "u1" },
    session,
    CLOSE_CODES.sessionEnded,
  ],
  ["logout everywhere, key", { kind: "sessions-ended", userId: "u1" }, apiKey, null],
  [
    "this key revoked",
    { kind: "api-key-revoked", userId: "u1", apiKeyId: "k1" },
    apiKey,
    CLOSE_CODES.sessionEnded,
  ],
  ["another key revoked", { kind: "api-key-revoked", userId: "u1", apiKeyId: "k2" }, apiKey, null],
  ["role changed", { kind: "role-changed", userId: "u1" }, session, CLOSE_CODES.permissionsChanged],
  [
    "removed from this channel",
    { kind: "member-removed", userId: "u1", channelId: "c1" },
    session,
    CLOSE_CODES.accessRevoked,
  ],
  [
    "removed from another channel",
    { kind: "member-removed", userId: "u1", channelId: "c2" },
    session,
    null,
  ],
  [
    "this channel archived",
    { kind: "channel-changed", channelId: "c1" },
    apiKey,
    CLOSE_CODES.permissionsChanged,
  ],
  ["another channel archived", { kind: "channel-changed", channelId: "c2" }, apiKey, null],
];

describe("which connections an access change closes", () => {
  it.each(cases)("%s", (_, change, context, expected) => {
    expect(closeCodeFor(change, context)).toEqual(expected);
  });
});

/** A connection whose document was still loading while access changes were emitted. */
async function setUpAfter(emit: (changes: AccessChanges) => void) {
  const changes = new AccessChanges();
  const revocation = new Revocation(changes);
  const context = testContext({ kind: "session", sessionId: "s1" });
  await revocation.onAuthenticate({ context } as unknown as onAuthenticatePayload);
  emit(changes);
  const closes: unknown[] = [];
  const connection = { close: (event: unknown) => closes.push(event) };
  await revocation.connected({ connection, context } as unknown as connectedPayload);
  revocation.dispose();
  return closes;
}

describe("changes made while a connection is being set up", () => {
  it("are applied once it is set up", async () => {
    const closes = await setUpAfter((changes) =>
      changes.emit({ kind: "member-removed", userId: "u1", channelId: "c1" }),
    );
    expect(closes).toEqual([CLOSE_CODES.accessRevoked]);
  });

  it("leave it open when they concern others", async () => {
    const closes = await setUpAfter((changes) =>
      changes.emit({ kind: "member-removed", userId: "u2", channelId: "c1" }),
    );
    expect(closes).toEqual([]);
  });

  it("close it for a fresh check when too many happened to replay", async () => {
    const closes = await setUpAfter((changes) => {
      for (let n = 0; n < 1000; n++) changes.emit({ kind: "channel-changed", channelId: `x${n}` });
    });
    expect(closes).toEqual([CLOSE_CODES.permissionsChanged]);
  });
});
