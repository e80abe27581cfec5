// Files in an agent's conversation, as its prompt shows them: images as image content (the
// newest MAX_IMAGES, each within MAX_IMAGE_BYTES, the API's own limit being 5 MB), text files as
// their text (within MAX_TEXT_BYTES, cut at MAX_TEXT_CHARS), every other file by name, type and
// size. The transcript's token budget then decides which messages, with their files, are shown.
import { type Attachment, isImageAttachment, type MessageView } from "@openvibe/schema";
import type { ModelImage } from "../model/model-provider.ts";

export const MAX_IMAGES = 4;
const MAX_IMAGE_BYTES = 3_500_000;
const MAX_TEXT_BYTES = 256 * 1024;
export const MAX_TEXT_CHARS = 8_000;

const IMAGE_TYPES = new Set<ModelImage["mediaType"]>([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
]);

export interface PromptFiles {
  readonly texts: ReadonlyMap<string, string>;
  readonly images: ReadonlyMap<string, ModelImage>;
}

export const NO_FILES: PromptFiles = { texts: new Map(), images: new Map() };

function isModelImageType(type: string): type is ModelImage["mediaType"] {
  return IMAGE_TYPES.has(type as ModelImage["mediaType"]);
}

export function isTextFile(attachment: Attachment): boolean {
  return (
    attachment.type.startsWith("text/") ||
    /^application\/(json|xml|javascript|x-yaml|yaml|toml|x-sh)$/.test(attachment.type)
  );
}

/** The files worth fetching for `messages` (newest images first), then fetched. */
export async function loadPromptFiles(
  messages: readonly MessageView[],
  fetchFile: (attachmentId: string) => Promise<Uint8Array | null>,
): Promise<PromptFiles> {
  const attachments = messages.filter((m) => !m.deleted).flatMap((m) => m.attachments);
  const images = attachments
    .filter((a) => isImageAttachment(a) && isModelImageType(a.type) && a.size <= MAX_IMAGE_BYTES)
    .reverse()
    .slice(0, MAX_IMAGES);
  const texts = attachments.filter((a) => isTextFile(a) && a.size <= MAX_TEXT_BYTES);
  const loaded: PromptFiles = { texts: new Map(), images: new Map() };
  const decoder = new TextDecoder("utf-8");
  await Promise.all([
    ...images.map(async (attachment) => {
      const bytes = await fetchFile(attachment.id);
      if (bytes === null || !isModelImageType(attachment.type)) return;
      (loaded.images as Map<string, ModelImage>).set(attachment.id, {
        mediaType: attachment.type,
        data: Buffer.from(bytes).toString("base64"),
      });
    }),
    ...texts.map(async (attachment) => {
      const bytes = await fetchFile(attachment.id);
      if (bytes === null) return;
      const text = decoder.decode(bytes);
      (loaded.texts as Map<string, string>).set(
        attachment.id,
        text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS)}\n[…cut]` : text,
      );
    }),
  ]);
  return loaded;
}

/** How a message's files read in its transcript line. */
export function filesText(attachments: readonly Attachment[], files: PromptFiles): string {
  return attachments
    .map((attachment) => {
      const head = `\n[attached file ${attachment.name} (${attachment.type}, ${attachment.size} bytes)`;
      const text = files.texts.get(attachment.id);
      if (text !== undefined) return `${head}, its text:]\n${text}\n[end of ${attachment.name}]`;
      if (files.images.has(attachment.id)) return `${head}, shown to you as an image]`;
      return `${head}]`;
    })
    .join("");
}

/** The images of the messages shown, in their order. */
export function imagesOf(shown: readonly MessageView[], files: PromptFiles): ModelImage[] {
  return shown.flatMap((m) =>
    m.attachments.flatMap((a) => {
      const image = files.images.get(a.id);
      return image === undefined ? [] : [image];
    }),
  );
}
