// Makes inserts fail as a full disk would: a trigger, seen by every connection to the database
// (the server's append worker too), refuses them. Each returns what drops it again.

/** Any SQLite connection (better-sqlite3's Database). */
interface Connection {
  exec(sql: string): unknown;
}

/** Refuses inserts into `table`, or only those matching the SQL condition `when` (on NEW). */
export function refuseInserts(db: Connection, table: string, when?: string): () => void {
  const trigger = `fail_inserts_${Math.random().toString(36).slice(2)}`;
  db.exec(
    `CREATE TRIGGER ${trigger} BEFORE INSERT ON ${table} ${when === undefined ? "" : `WHEN ${when}`} BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END`,
  );
  return () => db.exec(`DROP TRIGGER ${trigger}`);
}

/** Refuses the document store's appends, for one document or all. */
export function failInserts(db: Connection, documentName?: string): () => void {
  return refuseInserts(
    db,
    "document_updates",
    documentName === undefined
      ? undefined
      : `NEW.document_name = '${documentName.replaceAll("'", "''")}'`,
  );
}
