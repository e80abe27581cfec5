// Makes the document store's inserts fail as a full disk would: a trigger, seen by every
// connection to the database (the server's append worker too), refuses them, for one document or
// all. Returns what drops it again.

/** Any SQLite connection (better-sqlite3's Database). */
interface Connection {
  exec(sql: string): unknown;
}

export function failInserts(db: Connection, documentName?: string): () => void {
  const trigger = `fail_inserts_${Math.random().toString(36).slice(2)}`;
  const only =
    documentName === undefined
      ? ""
      : `WHEN NEW.document_name = '${documentName.replaceAll("'", "''")}'`;
  db.exec(
    `CREATE TRIGGER ${trigger} BEFORE INSERT ON document_updates ${only} BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END`,
  );
  return () => db.exec(`DROP TRIGGER ${trigger}`);
}
