// WebSocket close codes the server sends when it ends a peer's connection to
// a document, shared so a client can react to each (4000-4999 are free for
// applications).

export const CLOSE_CODES = {
  /** The session or API key ended (logout, deactivation, revocation): sign in again. */
  sessionEnded: { code: 4401, reason: "session-ended" },
  /** The peer may no longer open this channel (removed, channel made invisible). */
  accessRevoked: { code: 4403, reason: "access-revoked" },
  /** Role or channel state changed (e.g. archived): reconnect to get the new permissions. */
  permissionsChanged: { code: 4409, reason: "permissions-changed" },
  /**
   * The server refused a write this peer may not make (a guest writing anything but its own
   * reactions). Do not resend it: keep the rejected local state for export, reload the channel
   * from the server and re-post only what is the peer's own.
   */
  writeRefused: { code: 4422, reason: "write-refused" },
  /**
   * The peer sent updates faster than the server takes from one principal; the last one was not
   * applied. It is an honest write: keep it, and send it again after a pause (resync).
   */
  tooManyWrites: { code: 4429, reason: "too-many-writes" },
} as const;

export type CloseCodeName = keyof typeof CLOSE_CODES;
