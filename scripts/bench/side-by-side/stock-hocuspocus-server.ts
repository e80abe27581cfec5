// Stock Hocuspocus 4 as its documentation sets it up, for the side-by-side benchmark:
// `node stock-hocuspocus-server.ts` keeps documents in memory; with BENCH_SQLITE_FILE set it
// adds @hocuspocus/extension-sqlite on that file (its defaults: 2 s debounce, 10 s at most).
// Prints {"msg":"server listening","port":N} once it listens on 127.0.0.1 (PORT, 0: any).
// The time of its own document loads (from the first load hook to the last, what OpenVibe's
// openvibe_document_load_seconds counts) adds up in `globalThis.benchDocumentLoadMs`, which the
// benchmark's preload reports (server-report-preload.ts).
import { SQLite } from "@hocuspocus/extension-sqlite";
import { type Extension, Server } from "@hocuspocus/server";

const loadsStarted = new Map<string, number>();
const bench = globalThis as { benchDocumentLoadMs?: number };
bench.benchDocumentLoadMs = 0;
const loadTimer: Extension = {
  // Below the SQLite extension's: its hooks run last.
  priority: 0,
  async onCreateDocument({ documentName }) {
    loadsStarted.set(documentName, performance.now());
  },
  async afterLoadDocument({ documentName }) {
    const started = loadsStarted.get(documentName);
    loadsStarted.delete(documentName);
    if (started !== undefined)
      bench.benchDocumentLoadMs = (bench.benchDocumentLoadMs ?? 0) + performance.now() - started;
  },
};

const sqliteFile = process.env.BENCH_SQLITE_FILE;
const server = new Server({
  port: Number(process.env.PORT ?? "0"),
  address: "127.0.0.1",
  quiet: true,
  stopOnSignals: true,
  extensions:
    sqliteFile === undefined || sqliteFile === ""
      ? [loadTimer]
      : [new SQLite({ database: sqliteFile }), loadTimer],
});
await server.listen();
console.log(JSON.stringify({ msg: "server listening", port: server.address.port }));
