import type * as Y from "yjs";
import { SYSTEM_ACTOR } from "../actors.ts";
import { migrationOrigin } from "../origin.ts";
import { MIGRATIONS } from "./registry.ts";
import { assertDocumentWritable, readSchemaVersion, writeSchemaVersion } from "./version.ts";

export interface MigrationReport {
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly applied: readonly number[];
}

/**
 * Runs every migration newer than the document's schemaVersion, each in its own transaction
 * with a `migration` origin, bumping schemaVersion as it goes. Running it again does nothing.
 * Throws `document_too_new` for a document written by newer code.
 */
export function migrateChannel(doc: Y.Doc): MigrationReport {
  assertDocumentWritable(doc);
  const fromVersion = readSchemaVersion(doc);
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (migration.version <= readSchemaVersion(doc)) continue;
    doc.transact(() => {
      migration.up(doc);
      writeSchemaVersion(doc, migration.version);
    }, migrationOrigin(SYSTEM_ACTOR));
    applied.push(migration.version);
  }
  return { fromVersion, toVersion: readSchemaVersion(doc), applied };
}
