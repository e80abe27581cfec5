// Stock Hocuspocus 4 as its documentation sets it up, for the side-by-side benchmark:
// `node stock-hocuspocus-server.ts` keeps documents in memory; with BENCH_SQLITE_FILE set it
// adds @hocuspocus/extension-sqlite on that file (its defaults: 2 s debounce, 10 s at most).
// Prints {"msg":"server listening","port":N} once it listens on 127.0.0.1 (PORT, 0: any).
import { SQLite } from "@hocuspocus/extension-sqlite";
import { Server } from "@hocuspocus/server";

const sqliteFile = process.env.BENCH_SQLITE_FILE;
const server = new Server({
  port: Number(process.env.PORT ?? "0"),
  address: "127.0.0.1",
  quiet: true,
  stopOnSignals: true,
  extensions:
    sqliteFile === undefined || sqliteFile === "" ? [] : [new SQLite({ database: sqliteFile })],
});
await server.listen();
console.log(JSON.stringify({ msg: "server listening", port: server.address.port }));
