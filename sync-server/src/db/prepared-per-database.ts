// A statement prepared once per database connection, on first use. Drizzle builds a query's SQL
// and SQLite compiles it on every call otherwise: about 0.1 ms, which on a path run for every
// incoming update (a channel's record read for each new message) was a seventh of the server's
// CPU (scripts/bench/one-writer.ts --prof).
import type { OpenVibeDatabase } from "./open-database.ts";

export function preparedPerDatabase<Statement>(
  prepare: (db: OpenVibeDatabase) => Statement,
): (db: OpenVibeDatabase) => Statement {
  const statements = new WeakMap<OpenVibeDatabase, Statement>();
  return (db) => {
    let statement = statements.get(db);
    if (statement === undefined) {
      statement = prepare(db);
      statements.set(db, statement);
    }
    return statement;
  };
}
