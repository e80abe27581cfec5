// One file's upload, as the server's resumable protocol has it: start (or resume) with the
// record, then send chunks from the offset the server has reached. A fetch that fails is an
// OfflineError (the outbox waits for the connection); a refusal is the server's ApiError.
import {
  type Attachment,
  UPLOAD_CHUNK_TYPE,
  UPLOAD_OFFSET_HEADER,
  type UploadView,
} from "@openvibe/schema";
import { ApiError, csrfHeaders, OfflineError, responseError } from "../api/http.ts";

/** Chunks well under the server's limit per request, so a lost connection costs little. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

async function send(path: string, init: RequestInit): Promise<UploadView> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { credentials: "same-origin", ...init });
  } catch (error) {
    throw new OfflineError(error);
  }
  if (!response.ok) throw await responseError(response);
  return (await response.json()) as UploadView;
}

export async function uploadFile(
  channelId: string,
  record: Attachment,
  blob: Blob,
  onProgress: (sent: number) => void = () => {},
): Promise<UploadView> {
  const { id, name, type, size, sha256 } = record;
  let view = await send(`/channels/${channelId}/uploads`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...csrfHeaders() },
    body: JSON.stringify({ attachmentId: id, name, type, size, sha256 }),
  });
  while (view.status !== "stored") {
    onProgress(view.offset);
    try {
      view = await send(`/uploads/${id}`, {
        method: "PATCH",
        headers: {
          "Content-Type": UPLOAD_CHUNK_TYPE,
          [UPLOAD_OFFSET_HEADER]: String(view.offset),
          ...csrfHeaders(),
        },
        body: blob.slice(view.offset, view.offset + CHUNK_BYTES),
      });
    } catch (error) {
      // Another tab (or a lost answer) moved the upload on: ask where it stands.
      if (!(error instanceof ApiError && error.code === "upload_offset_mismatch")) throw error;
      view = await send(`/uploads/${id}`, { method: "GET" });
    }
  }
  onProgress(view.size);
  return view;
}
