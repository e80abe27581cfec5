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
  /**
   * The peer's first write into a thread document that did not exist yet (the write that creates
   * the thread), while its channel holds as many thread documents as the server allows
   * (OPENVIBE_MAX_THREADS_PER_CHANNEL). Nothing was stored: keep the thread on the device, say
   * why it is not on the server, and try again on a later connection (the cap may be raised).
   */
  channelFull: { code: 4413, reason: "channel-full" },
  /**
   * The peer's first write into a new thread document, from a principal that created more of
   * them lately than the server takes from one (OPENVIBE_NEW_THREADS_PER_MINUTE). Nothing was
   * stored: keep the thread and send it again after the pause the reason says (too-fast.ts).
   */
  tooManyNewThreads: { code: 4430, reason: "too-many-new-threads" },
} as const;

export type CloseCodeName = keyof typeof CLOSE_CODES;
