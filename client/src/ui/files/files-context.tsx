// The signed-in person's files: the cache of files seen and the outbox of files not yet on the
// server, made once per person (state/person-services.ts) and reached through context.
import { createContext, useContext } from "react";
import type { FileCache } from "../../files/file-cache.ts";
import type { Outbox } from "../../files/outbox.ts";

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
