// The first lines of a small text or code file, under its card: read from the outbox (one's own
// file not yet sent) or the cache of files seen, else fetched (again while the upload is still
// on its way) and cached.
import type { Attachment } from "@openvibe/schema";
import { type ReactNode, useEffect, useState } from "react";
import { useFileBlob } from "./use-file-url.ts";

const PREVIEW_LINES = 6;
/** Larger files are not fetched only to preview them. */
const PREVIEW_MAX_BYTES = 256 * 1024;

export function isPreviewable(attachment: Attachment): boolean {
  return (
    attachment.size <= PREVIEW_MAX_BYTES &&
    (attachment.type.startsWith("text/") ||
      /^application\/(json|xml|javascript|x-yaml|yaml|toml|x-sh)$/.test(attachment.type))
  );
}

export function TextPreview({ attachment }: { attachment: Attachment }): ReactNode {
  const { blob } = useFileBlob(attachment, "original");
  const [lines, setLines] = useState<string | null>(null);
  useEffect(() => {
    if (blob === null) return;
    let current = true;
    void blob.text().then((text) => {
      if (current) setLines(text.split("\n").slice(0, PREVIEW_LINES).join("\n"));
    });
    return () => {
      current = false;
    };
  }, [blob]);
  if (lines === null || lines.trim() === "") return null;
  return (
    <figure className="attachment-preview" aria-label={`First lines of ${attachment.name}`}>
      <pre>{lines}</pre>
    </figure>
  );
}
