import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  CURRENT_SCHEMA_VERSION,
  createThread,
  isChannelOrigin,
  isDocumentTooNew,
  MIGRATIONS,
  migrateChannel,
  readChannelId,
  readSchemaVersion,
  validateChannelDocument,
} from "../src/index.ts";
import { alice, expectRefused } from "./support/channel.ts";

function loadFixture(name: string): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
  return doc;
}

interface MigrationCase {
  /** A committed document as the previous version wrote it. */
  readonly fixture: string;
  /** What must hold once the migration ran on that fixture. */
  verify(doc: Y.Doc): void;
}

/** One case per migration version. A migration without a case fails the suite. */
const migrationCases: Record<number, MigrationCase> = {
  1: {
    fixture: "channel-v0.bin",
    verify(doc) {
      expect(readChannelId(doc)).toBe("general");
      expect(validateChannelDocument(doc)).toEqual([]);
      createThread(doc, alice, { title: "after migration", body: "writable" });
    },
  },
};

describe("migrations", () => {
  it("are numbered 1..n in order, the last being the current version", () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(
      MIGRATIONS.map((_, index) => index + 1),
    );
    expect(MIGRATIONS.at(-1)?.version).toBe(CURRENT_SCHEMA_VERSION);
  });

  it("each have a test case", () => {
    const missing = MIGRATIONS.filter(
      (migration) => migrationCases[migration.version] === undefined,
    );
    expect(missing.map((migration) => migration.version)).toEqual([]);
  });

  for (const migration of MIGRATIONS) {
    it(`v${migration.version} (${migration.description}) upgrades its fixture`, () => {
      const testCase = migrationCases[migration.version];
      if (testCase === undefined)
        throw new Error(`no test case for migration ${migration.version}`);
      const doc = loadFixture(testCase.fixture);
      expect(readSchemaVersion(doc)).toBe(migration.version - 1);
      const report = migrateChannel(doc);
      expect(report.applied).toContain(migration.version);
      expect(readSchemaVersion(doc)).toBe(CURRENT_SCHEMA_VERSION);
      testCase.verify(doc);
    });
  }

  it("run each pending step in its own migration transaction, and nothing the second time", () => {
    const doc = loadFixture("channel-v0.bin");
    const origins: unknown[] = [];
    doc.on("afterTransaction", (transaction) => origins.push(transaction.origin));
    expect(migrateChannel(doc)).toEqual({
      fromVersion: 0,
      toVersion: CURRENT_SCHEMA_VERSION,
      applied: MIGRATIONS.map((migration) => migration.version),
    });
    expect(origins).toHaveLength(MIGRATIONS.length);
    for (const origin of origins) {
      expect(isChannelOrigin(origin)).toBe(true);
      expect(origin).toMatchObject({ source: "migration", operation: "migrateChannel" });
    }
    const state = Y.encodeStateAsUpdate(doc);
    expect(migrateChannel(doc).applied).toEqual([]);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(state);
  });

  it("converge when two replicas migrate the same document concurrently", () => {
    const [a, b] = [loadFixture("channel-v0.bin"), loadFixture("channel-v0.bin")];
    migrateChannel(a);
    migrateChannel(b);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readSchemaVersion(a)).toBe(CURRENT_SCHEMA_VERSION);
    expect(readSchemaVersion(b)).toBe(CURRENT_SCHEMA_VERSION);
  });

  it("refuse a document written by newer code", () => {
    const doc = loadFixture("channel-v0.bin");
    doc.getMap("meta").set("schemaVersion", CURRENT_SCHEMA_VERSION + 1);
    expect(isDocumentTooNew(doc)).toBe(true);
    expectRefused(doc, "document_too_new", () => migrateChannel(doc));
  });
});
