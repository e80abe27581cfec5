// A file or thumbnail (its bytes, or an object URL for them): from the outbox when it is the
// person's own file not yet sent, else from the cache or the server (then cached). A file the server has not received
// yet is "pending" and asked for again, after 1 s and then twice as long each time (at most 30 s).
import type { Attachment } from "@openvibe/schema";
import { useEffect, useState } from "react";
import type { FileLookup } from "../../files/file-cache.ts";
import type { FileVariant } from "../../files/files-database.ts";
import { useObservable } from "../../state/observable.ts";
import { useFiles } from "./files-context.tsx";

const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 30_000;

export type FileState = "loading" | "ready" | FileLookup["kind"];

export function useFileBlob(
  attachment: Attachment,
  variant: FileVariant,
): { blob: Blob | null; state: FileState } {
  const { cache, outbox } = useFiles();
  const own = useObservable(outbox.pending).get(attachment.id)?.blob;
  const [found, setFound] = useState<{ blob: Blob | null; state: FileState }>({
    blob: null,
    state: "loading",
  });

  useEffect(() => {
    let current = true;
    const show = (blob: Blob) => setFound({ blob, state: "ready" });
    let retry: ReturnType<typeof setTimeout> | undefined;
    let wait = FIRST_RETRY_MS;
    const lookUp = () =>
      void cache.get(attachment.id, variant).then((lookup) => {
        if (!current) return;
        if (lookup.kind === "ready") return show(lookup.blob);
        setFound({ blob: null, state: lookup.kind });
        if (lookup.kind === "missing") return;
        retry = setTimeout(lookUp, wait);
        wait = Math.min(wait * 2, LAST_RETRY_MS);
      });
    if (own !== undefined) show(own);
    else lookUp();
    return () => {
      current = false;
      if (retry !== undefined) clearTimeout(retry);
    };
  }, [cache, attachment.id, variant, own]);

  return found;
}

export function useFileUrl(
  attachment: Attachment,
  variant: FileVariant,
): { url: string | null; state: FileState } {
  const { blob, state } = useFileBlob(attachment, variant);
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (blob === null) return setUrl(null);
    const created = URL.createObjectURL(blob);
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [blob]);
  return { url, state };
}
