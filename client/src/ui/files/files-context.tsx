// The signed-in person's files: the cache of files seen and the outbox of files not yet on the
// server, made once per person and reached through context.
import { createContext, useContext, useEffect, useState } from "react";
import { FileCache } from "../../files/file-cache.ts";
import { Outbox } from "../../files/outbox.ts";

export interface FilesServices {
  cache: FileCache;
  outbox: Outbox;
}

export const FilesContext = createContext<FilesServices | null>(null);

export function useFiles(): FilesServices {
  const files = useContext(FilesContext);
  if (files === null) throw new Error("useFiles outside FilesContext");
  return files;
}

/** The person's files services, started on sign-in and stopped with it. */
export function useFilesServices(userId: string): FilesServices | null {
  const [files, setFiles] = useState<FilesServices | null>(null);
  useEffect(() => {
    const cache = new FileCache();
    const outbox = new Outbox(userId, cache);
    setFiles({ cache, outbox });
    return () => outbox.destroy();
  }, [userId]);
  return files;
}
