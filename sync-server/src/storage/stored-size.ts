// How many bytes a document takes in the store: its snapshot plus the log after it. Read once
// when a document loads (the write guard's size limit counts on from there).
import type Database from "better-sqlite3";
import type { OpenVibeDatabase } from "../db/open-database.ts";
import { preparedPerDatabase } from "../db/prepared-per-database.ts";

const storedBytesOf = preparedPerDatabase(
  (db): Database.Statement<[string], { bytes: number }> =>
    db.$client.prepare(
      `select coalesce(length(d.snapshot), 0) + coalesce(
         (select sum(length(u."update")) from document_updates u
           where u.document_name = d.name and u.seq > d.snapshot_through), 0) as bytes
       from documents d where d.name = ?`,
    ),
);

export function storedDocumentBytes(db: OpenVibeDatabase, name: string): number {
  return storedBytesOf(db).get(name)?.bytes ?? 0;
}
