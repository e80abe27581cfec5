// What a file really is: its type sniffed from the content (file-type reads the magic numbers),
// checked against the type the client declared. Binary kinds (images, audio, video, PDF,
// archives) must be what they claim; text kinds (plain text, code, SVG, HTML) must not turn out
// to be a binary kind. A file with no recognisable signature keeps its declared type.
import { open } from "node:fs/promises";
import { fileTypeFromBuffer } from "file-type";
import { ApiError } from "../errors.ts";

/** Declared types whose content has a signature file-type recognises. */
function expectsSignature(type: string): boolean {
  if (type === "image/svg+xml") return false;
  return (
    /^(image|audio|video)\//.test(type) ||
    /^application\/(pdf|zip|gzip|x-7z-compressed)$/.test(type)
  );
}

const ALIASES: Readonly<Record<string, string>> = {
  "image/jpg": "image/jpeg",
  "image/pjpeg": "image/jpeg",
};

/** Types a browser may show inline from this server: raster images, never markup or scripts. */
const INLINE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"]);

export function isInlineType(type: string): boolean {
  return INLINE_TYPES.has(type);
}

/** Bytes file-type reads at most to recognise a signature. */
const SNIFF_BYTES = 4100;

/** The start of the file: the signature is in it (read here, not by file-type's own file reader). */
async function head(path: string): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const buffer = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The file's type as served: the sniffed one, or the declared one for unsigned (text) content. */
export async function checkedContentType(path: string, declared: string): Promise<string> {
  const claimed = ALIASES[declared] ?? declared;
  const sniffed = (await fileTypeFromBuffer(await head(path)))?.mime;
  if (sniffed === undefined) {
    if (!expectsSignature(claimed)) return claimed;
    throw new ApiError("file_type_mismatch", `the content is not ${declared}`);
  }
  if (sniffed === claimed) return sniffed;
  const bothGeneric = claimed === "application/octet-stream";
  if (bothGeneric) return sniffed;
  if (expectsSignature(claimed) || claimed.startsWith("text/") || claimed === "image/svg+xml") {
    throw new ApiError("file_type_mismatch", `the content is ${sniffed}, not ${declared}`);
  }
  return sniffed;
}
