// Runs the DocumentStore contract against every implementation.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../src/db/open-database.ts";
import { runDocumentStoreContract } from "../src/storage/document-store-contract.ts";
import { MemoryDocumentStore } from "../src/storage/memory-document-store.ts";
import { SqliteDocumentStore } from "../src/storage/sqlite-document-store.ts";
import { failInserts } from "./support/failing-inserts.ts";

runDocumentStoreContract(
  "memory",
  async () => {
    const store = new MemoryDocumentStore();
    return { store, cleanup: () => store.close() };
  },
  { persistent: false, failingWrites: false },
);

runDocumentStoreContract(
  "sqlite",
  async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "openvibe-store-"));
    const open = () => {
      const db = openDatabase(dataDir, { synchronous: "normal" });
      return { db, store: new SqliteDocumentStore(db, { synchronous: "normal" }) };
    };
    let current = open();
    const closeCurrent = async () => {
      await current.store.close();
      current.db.$client.close();
    };
    return {
      store: current.store,
      failWrites: (name) => failInserts(current.db.$client, name),
      reopen: async () => {
        await closeCurrent();
        current = open();
        return current.store;
      },
      cleanup: async () => {
        await closeCurrent();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
  { persistent: true, failingWrites: true },
);
