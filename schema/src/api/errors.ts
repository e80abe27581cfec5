// Stable error codes of the HTTP API, with the status each one is sent with.
// Every error body is {"error": {"code", "message", "issues"?}}.

export const API_ERRORS = {
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  csrf_failed: 403,
  forbidden: 403,
  /** The workspace's settings turn this feature off (`features.*`). */
  feature_disabled: 403,
  not_found: 404,
  conflict: 409,
  already_set_up: 409,
  invite_unusable: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  /** Files: a zero-byte file, or a chunk whose body ended before its Content-Length. */
  file_empty: 400,
  upload_truncated: 400,
  /** A chunk sent for another offset than the upload has reached (HEAD tells which). */
  upload_offset_mismatch: 409,
  /** The file's bytes are still being uploaded. */
  file_pending: 409,
  /** Over the workspace's `maxFileBytes`, declared or sent. */
  file_too_large: 413,
  /** The content is not what its declared type says (a ".png" that is no PNG). */
  file_type_mismatch: 415,
  /** The bytes received do not hash to the declared SHA-256. */
  file_hash_mismatch: 422,
  /** The server's disk (or object store) is full: nothing was kept, try again later. */
  insufficient_storage: 507,
  /**
   * A link (an invite's) would be built from a Host that is not the server's listening address,
   * and OPENVIBE_PUBLIC_URL is not set.
   */
  public_url_required: 421,
  internal: 500,
  /** The server cannot take writes now (GET /ready): its database is not writable. */
  not_ready: 503,
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

export interface ApiIssue {
  /** Dotted path of the offending field, "" for the body itself. */
  path: string;
  message: string;
}

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; issues?: ApiIssue[] };
}
