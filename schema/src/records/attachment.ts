// A file attached to a message, as the message's entry holds it: a plain value in the entry's
// `attachments` list. The bytes live on the server, content-addressed by `sha256`; the record is
// all a peer needs to show the file (name, type, size, an image's dimensions to reserve its
// place) and to fetch it by `id`. The client makes the record itself (id, hash, size) before
// anything is uploaded, so a message with files can be posted offline.
import { isRecord } from "./guards.ts";

export interface Attachment {
  /** Unique id, made by the client; the server's upload and download address it. */
  readonly id: string;
  /** The file's name as the person chose it (no path). */
  readonly name: string;
  /** MIME type as the client read it; the server sniffs the content and may correct it. */
  readonly type: string;
  readonly size: number;
  /** Lower-case hex SHA-256 of the content. */
  readonly sha256: string;
  /** Pixel dimensions of an image, so its place is reserved before it loads. */
  readonly width?: number;
  readonly height?: number;
}

export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
export const MAX_ATTACHMENT_NAME_LENGTH = 255;
const MAX_DIMENSION = 100_000;
const SHA256_PATTERN = /^[0-9a-f]{64}$/;
const ATTACHMENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const MIME_PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;
// Control characters and path separators: a name is shown and offered as a download name.
// biome-ignore lint/suspicious/noControlCharactersInRegex: they are what the pattern refuses
const UNSAFE_NAME = /[\u0000-\u001f\u007f/\\]/;

export function isSha256(value: unknown): value is string {
  return typeof value === "string" && SHA256_PATTERN.test(value);
}

export function isAttachmentId(value: unknown): value is string {
  return typeof value === "string" && ATTACHMENT_ID_PATTERN.test(value);
}

export function isAttachmentName(value: unknown): value is string {
  return (
    typeof value === "string" &&
    value.trim().length > 0 &&
    value.length <= MAX_ATTACHMENT_NAME_LENGTH &&
    !UNSAFE_NAME.test(value)
  );
}

export function isMimeType(value: unknown): value is string {
  return typeof value === "string" && MIME_PATTERN.test(value);
}

const isDimension = (value: unknown): boolean =>
  value === undefined ||
  (typeof value === "number" && Number.isInteger(value) && value > 0 && value <= MAX_DIMENSION);

const FIELDS = new Set(["id", "name", "type", "size", "sha256", "width", "height"]);

export function isAttachment(value: unknown): value is Attachment {
  return (
    isRecord(value) &&
    Object.keys(value).every((key) => FIELDS.has(key)) &&
    isAttachmentId(value.id) &&
    isAttachmentName(value.name) &&
    isMimeType(value.type) &&
    typeof value.size === "number" &&
    Number.isSafeInteger(value.size) &&
    value.size > 0 &&
    isSha256(value.sha256) &&
    isDimension(value.width) &&
    isDimension(value.height)
  );
}

/** A message's list: at most MAX_ATTACHMENTS_PER_MESSAGE records, no id twice. */
export function isAttachmentList(value: unknown): value is readonly Attachment[] {
  if (!Array.isArray(value) || value.length > MAX_ATTACHMENTS_PER_MESSAGE) return false;
  if (!value.every(isAttachment)) return false;
  return new Set(value.map((attachment) => attachment.id)).size === value.length;
}

export function isImageAttachment(attachment: Pick<Attachment, "type">): boolean {
  return /^image\/(png|jpeg|gif|webp|avif)$/.test(attachment.type);
}

/** A plain copy with only the record's fields (what goes into the document). */
export function plainAttachment(attachment: Attachment): Attachment {
  return {
    id: attachment.id,
    name: attachment.name,
    type: attachment.type,
    size: attachment.size,
    sha256: attachment.sha256,
    ...(attachment.width === undefined ? {} : { width: attachment.width }),
    ...(attachment.height === undefined ? {} : { height: attachment.height }),
  };
}
