// Reasons the server gives when it refuses a peer's request to open a
// document (Hocuspocus "permission denied" messages). Shared by server and
// clients so a client can tell the user what to do.

export const CONNECTION_DENIALS = {
  /** The document name is of no known kind (neither `channel:` nor `thread:`). */
  unknownDocument: "unknown-document",
  /** No valid token or API key was sent. */
  unauthenticated: "unauthenticated",
  /**
   * The principal may not open this channel, or it does not exist, or the name (of a known kind)
   * does not parse: all look the same. A thread document is authorised as its channel.
   */
  forbidden: "forbidden",
  /** The channel's document was written by a newer server version than this one: upgrade. */
  documentTooNew: "document-too-new",
  /**
   * The person has as many documents open on the server as one may (all their sockets
   * together, `OPENVIBE_MAX_OPEN_DOCUMENTS_PER_PERSON`): close one first.
   */
  tooManyDocuments: "too-many-documents",
} as const;

export type ConnectionDenial = (typeof CONNECTION_DENIALS)[keyof typeof CONNECTION_DENIALS];
