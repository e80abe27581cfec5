// Uploading files over HTTP as a client does: start an upload with the record the client made,
// then send its bytes in chunks at the offset reached.
import { createHash } from "node:crypto";
import type { Attachment, UploadView } from "@openvibe/schema";
import type { ApiClient } from "./api-client.ts";

export function attachmentFor(
  id: string,
  name: string,
  type: string,
  bytes: Uint8Array,
): Attachment {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { id, name, type, size: bytes.length, sha256 };
}

export function startUpload(client: ApiClient, channelId: string, attachment: Attachment) {
  const { id, ...rest } = attachment;
  return client.post<UploadView & { error?: { code: string } }>(
    `/api/channels/${channelId}/uploads`,
    { attachmentId: id, ...rest },
  );
}

export async function sendChunk(
  client: ApiClient,
  id: string,
  offset: number,
  bytes: Uint8Array,
): Promise<{ status: number; body: UploadView & { error?: { code: string } } }> {
  const response = await client.raw("PATCH", `/api/uploads/${id}`, new Uint8Array(bytes), {
    "Content-Type": "application/offset+octet-stream",
    "Upload-Offset": String(offset),
  });
  return { status: response.status, body: JSON.parse(response.text) };
}

/** Starts the upload and sends the bytes in `chunks` pieces; the last answer. */
export async function uploadWhole(
  client: ApiClient,
  channelId: string,
  attachment: Attachment,
  bytes: Uint8Array,
  chunks = 1,
) {
  const started = await startUpload(client, channelId, attachment);
  if (started.status !== 201) return { status: started.status, body: started.body };
  const step = Math.ceil(bytes.length / chunks);
  let last = { status: started.status, body: started.body };
  for (let offset = 0; offset < bytes.length; offset += step) {
    last = await sendChunk(client, attachment.id, offset, bytes.subarray(offset, offset + step));
    if (last.status !== 200) break;
  }
  return last;
}
