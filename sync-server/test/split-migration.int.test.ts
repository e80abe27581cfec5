// The split of an existing data directory (docs/history-split.md, "Migration"), on a committed
// data directory in the one-document layout (fixtures/one-document-data.db.gz, built with the
// code of that time by fixtures/build-one-document-data.ts): every read model of every thread
// document equals the old document's, nothing is lost, search answers the same (also once
// rebuilt from the thread documents), a run stopped at any step and run again ends where an
// uninterrupted run does, a second run writes nothing, and `ovb migrate` does it with progress
// and refuses a running server; `ovb migrate --drop-legacy` removes the legacy copies afterwards.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import {
  createSplitThread,
  createThread,
  deriveThreadIndexEntry,
  forkView,
  getMessage,
  initChannel,
  lateArrivalOf,
  listPinned,
  listSummaryRequests,
  listThreadIndex,
  listThreads,
  messageVersionsOf,
  pendingSummaryRequests,
  readChannelContent,
  readDocumentLayout,
  readMentionFacts,
  readThreadDigests,
  stopRequesters,
  THREAD_DOCUMENT_ROOTS,
  threadDocumentName,
  threadView,
  toolDecisionOf,
  toolStepsOf,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { SERVER_PID_FILE } from "../src/backup/server-lock.ts";
import { ClientIdRegistry, SERVER_OWNER } from "../src/collaboration/client-id-registry.ts";
import { createAppContext } from "../src/context.ts";
import { databasePath, openDatabase } from "../src/db/open-database.ts";
import { channels, users } from "../src/db/schema.ts";
import { applyImport } from "../src/portability/apply-import.ts";
import { readStoredContent } from "../src/portability/export-workspace.ts";
import { rebuildSearchIndex } from "../src/search/rebuild.ts";
import { SearchIndex } from "../src/search/search-index.ts";
import { SearchService } from "../src/search/search-service.ts";
import { legacyDocumentName } from "../src/split-migration/legacy-document.ts";
import {
  type MigrateDataDirectoryOptions,
  migrateDataDirectory,
} from "../src/split-migration/migrate-data-directory.ts";
import type { SplitStep } from "../src/split-migration/split-stored-channel.ts";
import { storedThreadDocumentNames } from "../src/split-migration/stored-documents.ts";
import { readStoredDocument } from "../src/storage/load-stored-document.ts";
import { SqliteDocumentStore } from "../src/storage/sqlite-document-store.ts";
import { capturedLog } from "./support/captured-log.ts";
import { ovbInProcess } from "./support/ovb.ts";
import { temporaryDataDir } from "./support/test-server.ts";

const FIXTURE = new URL("./fixtures/one-document-data.db.gz", import.meta.url);
const DAY_MS = 24 * 60 * 60 * 1000;
const QUERIES = ["launch", "Tuesday", "notes", "plane", "budget", "repro", "summary", "from:@bo"];

function fixtureDataDir(): string {
  const dataDir = temporaryDataDir();
  writeFileSync(databasePath(dataDir), gunzipSync(readFileSync(FIXTURE)));
  return dataDir;
}

/** The data directory's database and document store, for one test step. */
function open(dataDir: string) {
  const db = openDatabase(dataDir, { synchronous: "full" });
  const store = new SqliteDocumentStore(db, { synchronous: "full" });
  const ctx = createAppContext(db);
  return {
    ctx,
    store,
    sqlite: db.$client,
    channelIds: () =>
      db
        .select({ id: channels.id })
        .from(channels)
        .all()
        .map((c) => c.id),
    load(name: string): Y.Doc {
      const loaded = readStoredDocument(store, name);
      if (loaded === null) throw new Error(`${name} is not stored`);
      return loaded.doc;
    },
    migrate(options: MigrateDataDirectoryOptions = {}) {
      return migrateDataDirectory(
        { sqlite: db.$client, store, clientIds: new ClientIdRegistry(db), now: Date.now },
        options,
      );
    },
    /** What the admin's search box answers for each query. */
    searches() {
      const admin = db
        .select()
        .from(users)
        .all()
        .find((u) => u.email === "ada@example.com");
      if (admin === undefined) throw new Error("no admin in the fixture");
      const search = new SearchService({ ctx, index: new SearchIndex(db.$client) });
      return QUERIES.map((q) => search.search(admin, { q, limit: 50 }));
    },
    reindex() {
      rebuildSearchIndex({
        index: new SearchIndex(db.$client),
        store,
        sqlite: db.$client,
        inWriteTransaction: (work) => db.$client.transaction(work).immediate(),
        channels: db.select({ id: channels.id, name: channels.name }).from(channels).all(),
        dropOthers: true,
      });
    },
    /** Every stored document and log row, to tell whether anything was written. */
    storedRows() {
      return [
        db.$client.prepare("SELECT * FROM documents ORDER BY name").all(),
        db.$client.prepare("SELECT * FROM document_updates ORDER BY document_name, seq").all(),
        db.$client.prepare("SELECT * FROM document_client_ids ORDER BY 1, 2").all(),
      ];
    },
    async close() {
      await store.close();
      db.$client.close();
    },
  };
}
type Opened = ReturnType<typeof open>;

function sortedJson(values: readonly unknown[]): string[] {
  return values.map((value) => JSON.stringify(value)).sort();
}

/** Every read model of the split documents equals the old document's, and nothing is lost. */
function expectSameChannel(data: Opened, channelId: string, old: Y.Doc): void {
  const channelDoc = data.load(`channel:${channelId}`);
  expect(readDocumentLayout(channelDoc)).toBe("split-channel");
  const threadIds = listThreads(old).map((t) => t.id);
  expect(storedThreadDocumentNames(data.sqlite, channelId)).toEqual(
    threadIds.map((id) => threadDocumentName(channelId, id)).sort(),
  );
  const threadDocs = new Map(
    threadIds.map((id) => [id, data.load(threadDocumentName(channelId, id))]),
  );
  const threadDocOf = (threadId: string | undefined) => threadDocs.get(threadId ?? "") as Y.Doc;
  // The channel's list from the channel document alone, digests derived from the thread documents.
  expect(listThreadIndex(channelDoc).map(({ digest, ...summary }) => summary)).toEqual(
    listThreads(old),
  );
  const digests = readThreadDigests(channelDoc);
  for (const [threadId, threadDoc] of threadDocs) {
    expect(readDocumentLayout(threadDoc)).toBe("thread");
    expect(threadView(threadDoc, threadId)).toEqual(threadView(old, threadId));
    expect(digests.get(threadId)).toEqual(deriveThreadIndexEntry(threadDoc));
    for (const message of threadView(old, threadId)?.messages ?? []) {
      for (const { forkId } of message.forks) {
        expect(forkView(threadDoc, forkId)).toEqual(forkView(old, forkId));
      }
    }
  }
  for (const messageId of old.getMap("messages").keys()) {
    const threadDoc = threadDocOf(getMessage(old, messageId)?.threadId);
    expect(getMessage(threadDoc, messageId)).toEqual(getMessage(old, messageId));
    expect(readMentionFacts(threadDoc, messageId)).toEqual(readMentionFacts(old, messageId));
    expect(lateArrivalOf(threadDoc, messageId)).toBe(lateArrivalOf(old, messageId));
    expect(stopRequesters(threadDoc, messageId)).toEqual(stopRequesters(old, messageId));
    expect(messageVersionsOf(threadDoc, messageId)).toEqual(messageVersionsOf(old, messageId));
    const steps = toolStepsOf(old, messageId);
    expect(toolStepsOf(threadDoc, messageId)).toEqual(steps);
    for (const { id } of steps)
      expect(toolDecisionOf(threadDoc, id)).toEqual(toolDecisionOf(old, id));
  }
  const every = [...threadDocs.values()];
  expect(sortedJson(every.flatMap(listPinned))).toEqual(sortedJson(listPinned(old)));
  expect(sortedJson(every.flatMap(listSummaryRequests))).toEqual(
    sortedJson(listSummaryRequests(old)),
  );
  expect(sortedJson(every.flatMap(pendingSummaryRequests))).toEqual(
    sortedJson(pendingSummaryRequests(old)),
  );
  // Nothing lost or added: each root's entries, across the thread documents, are the old ones.
  for (const root of THREAD_DOCUMENT_ROOTS.filter((name) => name !== "meta")) {
    const merged = Object.assign({}, ...every.map((t) => t.getMap(root).toJSON()));
    expect(merged, root).toEqual(old.getMap(root).toJSON());
  }
  // The export reads the same content from the split layout.
  expect(readStoredContent(data.sqlite, data.store, channelId)).toEqual(readChannelContent(old));
}

/** Each thread document's state, and how many log rows it has, by name. */
function threadStates(data: Opened) {
  return data.channelIds().flatMap((channelId) =>
    storedThreadDocumentNames(data.sqlite, channelId).map((name) => {
      const doc = data.load(name);
      const rows = data.sqlite
        .prepare("SELECT count(*) AS n FROM document_updates WHERE document_name = ?")
        .get(name);
      return { name, content: readChannelContent(doc), meta: doc.getMap("meta").toJSON(), rows };
    }),
  );
}

describe("splitting a data directory in the one-document layout", () => {
  it("keeps every read model, search and the old state; a second run writes nothing", async () => {
    const data = open(fixtureDataDir());
    const old = new Map(data.channelIds().map((id) => [id, data.load(`channel:${id}`)]));
    expect([...old.values()].map(readDocumentLayout)).toEqual(["one-document", "one-document"]);
    const searchedBefore = data.searches();
    expect(searchedBefore.every((result) => result.hits.length > 0)).toBe(true);
    const log = capturedLog();

    const report = data.migrate({ logger: log.logger });
    expect(report).toMatchObject({ channels: 2, split: 2, threads: 4, unplaced: 0, failed: [] });
    for (const [channelId, oldDoc] of old) {
      expectSameChannel(data, channelId, oldDoc);
      // The old state is kept, under a name no peer can open.
      expect(readChannelContent(data.load(legacyDocumentName(channelId)))).toEqual(
        readChannelContent(oldDoc),
      );
      // The split wrote under the server's own client ids: no peer can take them.
      const owners = new ClientIdRegistry(data.ctx.db);
      for (const name of [
        `channel:${channelId}`,
        ...storedThreadDocumentNames(data.sqlite, channelId),
      ]) {
        for (const clientId of data.load(name).store.clients.keys()) {
          expect(owners.ownersOf(name).ownerOf(clientId), name).toBe(SERVER_OWNER);
        }
      }
    }
    expect(log.entries.filter((e) => e.msg === "channel split into thread documents")).toHaveLength(
      2,
    );
    expect(data.searches()).toEqual(searchedBefore);
    data.reindex();
    expect(data.searches()).toEqual(searchedBefore);

    const rows = data.storedRows();
    expect(data.migrate()).toMatchObject({ channels: 2, split: 0, threads: 0 });
    expect(data.storedRows()).toEqual(rows);
    await data.close();
  }, 60_000);

  it("converges after a run stopped at any step, storing nothing twice", async () => {
    const whole = open(fixtureDataDir());
    whole.migrate();
    const expected = threadStates(whole);
    await whole.close();

    // Stopped after the first thread document, after every thread document of the first channel
    // (before its commit point), and after the first channel's commit point.
    const stops: ((step: SplitStep, threadsOfFirst: number) => boolean)[] = [
      (step) => step.kind === "threads-stored" && step.threads === 1,
      (step, threadsOfFirst) => step.kind === "threads-stored" && step.threads === threadsOfFirst,
      (step) => step.kind === "committed",
    ];
    for (const [i, stopsAt] of stops.entries()) {
      const data = open(fixtureDataDir());
      let threadsOfFirst: number | undefined;
      expect(() =>
        data.migrate({
          batchBytes: 1,
          onStep: (step) => {
            if (step.kind === "started") threadsOfFirst ??= step.threads;
            if (stopsAt(step, threadsOfFirst ?? 0)) throw new Error(`stopped at ${step.kind}`);
          },
        }),
      ).toThrow("stopped at");
      const layouts = data.channelIds().map((id) => readDocumentLayout(data.load(`channel:${id}`)));
      expect(
        layouts.filter((l) => l === "split-channel"),
        `stop ${i}`,
      ).toHaveLength(i === 2 ? 1 : 0);
      expect(data.migrate().failed).toEqual([]);
      expect(threadStates(data), `stop ${i}`).toEqual(expected);
      await data.close();
    }
  }, 60_000);

  it("splits what decodes of a damaged document and keeps the damaged part in the legacy copy", async () => {
    const data = open(fixtureDataDir());
    const [channelId = ""] = data.channelIds();
    const old = data.load(`channel:${channelId}`);
    const damaged = new Uint8Array([1, 200, 3, 4, 5]);
    data.store.append(`channel:${channelId}`, damaged);
    const log = capturedLog();
    expect(data.migrate({ logger: log.logger }).failed).toEqual([]);
    expectSameChannel(data, channelId, old);
    expect(log.entries.some((e) => e.msg?.startsWith("stored parts that do not decode"))).toBe(
      true,
    );
    const kept = data.store.load(legacyDocumentName(channelId))?.updates ?? [];
    expect(kept.map((u) => [...u])).toContainEqual([...damaged]);
    await data.close();
  }, 60_000);

  it("sets aside a thread document a peer wrote before the split, under a thread id it read", async () => {
    const data = open(fixtureDataDir());
    const channelId =
      data.channelIds().find((id) => listThreads(data.load(`channel:${id}`)).length > 1) ?? "";
    const old = data.load(`channel:${channelId}`);
    const [target] = listThreads(old);
    const squatter = { kind: "human", id: "squatter" } as const;
    const squatted = new Y.Doc();
    createSplitThread(
      () => squatted,
      squatter,
      { title: "Mine now", body: "hello" },
      {
        now: Date.now,
        newId: () => target?.id ?? "",
      },
    );
    const name = threadDocumentName(channelId, target?.id ?? "");
    data.store.append(name, Y.encodeStateAsUpdate(squatted));
    const log = capturedLog();
    data.migrate({ logger: log.logger });
    expectSameChannel(data, channelId, old);
    expect(log.entries.some((e) => e.msg?.startsWith("thread documents stored before"))).toBe(true);
    expect(threadView(data.load(`legacy:${name}`), target?.id ?? "")?.thread.title).toBe(
      "Mine now",
    );
    await data.close();
  }, 60_000);

  it("an import into a channel stored as one document stores it split, keeping the old one", async () => {
    const dataDir = fixtureDataDir();
    const data = open(dataDir);
    const row = data.ctx.db
      .select()
      .from(channels)
      .all()
      .find((c) => c.name === "general");
    if (row === undefined) throw new Error("no #general in the fixture");
    const old = data.load(`channel:${row.id}`);
    const scratch = new Y.Doc();
    initChannel(scratch, row.id);
    createThread(scratch, { kind: "human", id: row.createdBy }, { body: "Imported" });
    const content = readChannelContent(scratch);
    const audit = { actorId: null, action: "workspace.import", details: {} };
    const plan = { users: [], channels: [{ row, existing: true, members: [], content }], audit };
    applyImport(data.ctx, data.store, plan, { dataDir, maxBytes: 2 ** 40 });
    expect(readDocumentLayout(data.load(`channel:${row.id}`))).toBe("split-channel");
    expect(readStoredContent(data.sqlite, data.store, row.id)).toEqual(content);
    expect(readChannelContent(data.load(legacyDocumentName(row.id)))).toEqual(
      readChannelContent(old),
    );
    await data.close();
  }, 60_000);

  it("is `ovb migrate`, with progress on stderr, refusing a running server", async () => {
    const dataDir = fixtureDataDir();
    const help = await ovbInProcess(dataDir, ["migrate", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("legacy:channel:");

    writeFileSync(join(dataDir, SERVER_PID_FILE), `${process.ppid}\n`);
    const refused = await ovbInProcess(dataDir, ["migrate"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("stop it first");

    writeFileSync(join(dataDir, SERVER_PID_FILE), "");
    const run = await ovbInProcess(dataDir, ["migrate", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("migrate: 2/2 channels");
    expect(run.stderr).toMatch(/migrate \S+: 3\/3 threads/);
    expect(JSON.parse(run.stdout)).toMatchObject({ channels: 2, split: 2, threads: 4 });
    const again = await ovbInProcess(dataDir, ["migrate"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("0 split, 2 already split");
  }, 60_000);

  it("is `ovb migrate --drop-legacy`: a dry run, then the copies of channels split long enough ago go and the file shrinks", async () => {
    const dataDir = fixtureDataDir();
    let data = open(dataDir);
    data.migrate();
    const [older, recent] = data.channelIds();
    if (older === undefined || recent === undefined) throw new Error("two channels expected");
    const contents = () =>
      [older, recent].map((id) => readStoredContent(data.sqlite, data.store, id));
    const before = contents();
    // `older` was split ten days ago.
    data.sqlite
      .prepare("UPDATE documents SET created_at = ? WHERE name = ?")
      .run(Date.now() - 10 * DAY_MS, `channel:${older}`);
    const stored = (name: string) => data.store.load(name);
    const bytesOf = (channelId: string) => {
      const kept = stored(legacyDocumentName(channelId));
      if (kept === null) throw new Error(`no legacy copy of ${channelId}`);
      return [kept.snapshot, ...kept.updates].reduce((sum, u) => sum + (u?.byteLength ?? 0), 0);
    };
    const olderBytes = bytesOf(older);
    const recentBytes = bytesOf(recent);
    expect(olderBytes).toBeGreaterThan(0);
    await data.close();
    const fileBytes = () => statSync(databasePath(dataDir)).size;

    const misused = await ovbInProcess(dataDir, ["migrate", "--dry-run"]);
    expect(misused.code).toBe(2);
    expect(misused.stderr).toContain("go with --drop-legacy");
    writeFileSync(join(dataDir, SERVER_PID_FILE), `${process.ppid}\n`);
    const refused = await ovbInProcess(dataDir, ["migrate", "--drop-legacy"]);
    expect(refused.stderr).toContain("stop it first");
    writeFileSync(join(dataDir, SERVER_PID_FILE), "");

    const dry = await ovbInProcess(dataDir, [
      "migrate",
      "--drop-legacy",
      "--older-than",
      "7",
      "--dry-run",
      "--json",
    ]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      channels: 2,
      dropped: 1,
      documents: 1,
      bytes: olderBytes,
      dryRun: true,
    });
    data = open(dataDir);
    expect(stored(legacyDocumentName(older))).not.toBeNull();
    await data.close();

    const sizeBefore = fileBytes();
    const run = await ovbInProcess(dataDir, ["migrate", "--drop-legacy", "--older-than", "7"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("migrate --drop-legacy: 1/1 channels");
    expect(run.stdout).toContain(
      `${olderBytes.toLocaleString("en")} bytes of stored documents freed`,
    );
    expect(run.stdout).toContain("kept:");
    data = open(dataDir);
    expect(stored(legacyDocumentName(older))).toBeNull();
    expect(stored(legacyDocumentName(recent))).not.toBeNull();
    expect(contents()).toEqual(before);
    await data.close();

    const all = await ovbInProcess(dataDir, ["migrate", "--drop-legacy", "--json"]);
    expect(all.code, all.stderr).toBe(0);
    expect(JSON.parse(all.stdout)).toMatchObject({ dropped: 1, bytes: recentBytes });
    expect(fileBytes()).toBeLessThan(sizeBefore);
    data = open(dataDir);
    expect(
      data.sqlite.prepare("SELECT name FROM documents WHERE name LIKE 'legacy:%'").all(),
    ).toEqual([]);
    // Still split, the same content; the split (as at the server's start) has nothing to do.
    expect(contents()).toEqual(before);
    expect(data.migrate()).toMatchObject({ channels: 2, split: 0 });
    expect(contents()).toEqual(before);
    await data.close();
  }, 60_000);

  it("`--drop-legacy` keeps the copy of a channel whose document is no longer stored split", async () => {
    const dataDir = fixtureDataDir();
    const data = open(dataDir);
    const [channelId] = data.channelIds();
    const name = `channel:${channelId}`;
    const old = Y.encodeStateAsUpdate(data.load(name));
    data.migrate();
    // The channel's document replaced by its one-document state again, as by a restored backup.
    data.sqlite.prepare("DELETE FROM document_updates WHERE document_name = ?").run(name);
    data.sqlite.prepare("DELETE FROM documents WHERE name = ?").run(name);
    data.store.append(name, old);
    await data.close();

    const run = await ovbInProcess(dataDir, ["migrate", "--drop-legacy", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      channels: 2,
      dropped: 1,
      notSplit: [channelId],
    });
    const after = open(dataDir);
    expect(after.store.load(legacyDocumentName(channelId ?? ""))).not.toBeNull();
    await after.close();
  }, 60_000);
});
