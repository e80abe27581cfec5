// The files a composer holds before sending: each one picked, dropped or pasted is prepared
// (hashed, measured) and put in the outbox at once, so it starts uploading while the person
// writes and survives a reload; taking one off before sending cancels it.
import type { Attachment } from "@openvibe/schema";
import { useCallback, useState } from "react";
import { prepareFile } from "../../files/prepare-file.ts";
import { useFiles } from "./files-context.tsx";

export interface ComposerFile {
  /** This list's own key for it. */
  key: string;
  /** Until prepared: a name only. */
  name: string;
  record: Attachment | null;
  error: string | null;
}

export interface ComposerFiles {
  files: readonly ComposerFile[];
  /** Every file prepared (none still hashing). */
  ready: boolean;
  add(files: readonly File[]): void;
  remove(index: number): void;
  /** The records to post, and the list emptied. */
  take(): Attachment[];
}

export function useComposerFiles(channelId: string, maxFiles: number): ComposerFiles {
  const { outbox } = useFiles();
  const [files, setFiles] = useState<ComposerFile[]>([]);

  const add = useCallback(
    (picked: readonly File[]) => {
      for (const file of picked) {
        const placeholder: ComposerFile = {
          key: crypto.randomUUID(),
          name: file.name || "pasted image",
          record: null,
          error: null,
        };
        setFiles((list) => (list.length >= maxFiles ? list : [...list, placeholder]));
        void prepareFile(file)
          .then(async (prepared) => {
            await outbox.add(channelId, prepared);
            setFiles((list) =>
              list.map((entry) =>
                entry === placeholder
                  ? { ...entry, name: prepared.record.name, record: prepared.record }
                  : entry,
              ),
            );
          })
          .catch((error: unknown) => {
            const message = error instanceof Error ? error.message : String(error);
            setFiles((list) =>
              list.map((entry) => (entry === placeholder ? { ...entry, error: message } : entry)),
            );
          });
      }
    },
    [channelId, maxFiles, outbox],
  );

  const remove = useCallback(
    (index: number) => {
      setFiles((list) => {
        const gone = list[index];
        if (gone?.record) void outbox.remove(gone.record.id);
        return list.filter((_, i) => i !== index);
      });
    },
    [outbox],
  );

  const take = useCallback(() => {
    const records = files.flatMap((file) => (file.record === null ? [] : [file.record]));
    setFiles([]);
    return records;
  }, [files]);

  return {
    files,
    ready: files.every((file) => file.record !== null || file.error !== null),
    add,
    remove,
    take,
  };
}
