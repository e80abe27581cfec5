// The first lines of a small text or code file, under its card: read from the outbox (one's own
// file not yet sent) or the cache of files seen, else fetched once and cached.
import type { Attachment } from "@openvibe/schema";
import { type ReactNode, useEffect, useState } from "react";
import { useObservable } from "../../state/observable.ts";
import { useFiles } from "./files-context.tsx";

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
  const { cache, outbox } = useFiles();
  const own = useObservable(outbox.pending).get(attachment.id)?.blob;
  const [lines, setLines] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    const show = (blob: Blob) =>
      void blob.text().then((text) => {
        if (current) setLines(text.split("\n").slice(0, PREVIEW_LINES).join("\n"));
      });
    if (own !== undefined) show(own);
    else
      void cache.get(attachment.id, "original").then((lookup) => {
        if (lookup.kind === "ready") show(lookup.blob);
      });
    return () => {
      current = false;
    };
  }, [cache, attachment.id, own]);
  if (lines === null || lines.trim() === "") return null;
  return (
    <figure className="attachment-preview" aria-label={`First lines of ${attachment.name}`}>
      <pre>{lines}</pre>
    </figure>
  );
}
