// The thread documents stored after their index row (ThreadIndexRows.unindexedIn), for the
// server's catch-up at start. Finding them reads every thread document's last stored update from
// the log, whose rows carry the updates themselves: at 1M messages (20,000 thread documents) tens
// of megabytes of pages. So they are read on a connection of their own with a small page cache,
// closed once done (the server's connection keeps its 16 MB cache for what it serves), and in
// parts of a few hundred documents with the event loop free between them. (A worker thread was
// tried: its isolate kept about 45 MB of the server's RSS after it ended.)
import { threadDocumentNameRange } from "@openvibe/schema";
import { connect } from "../db/connect.ts";
import { type StoredThreadDocument, ThreadIndexRows } from "./thread-index-rows.ts";

/** SQLite's page cache for the scan (KiB): each page is read once. */
const SCAN_CACHE_KIB = 2048;
/** Thread documents read in one part, between turns of the event loop. */
const DOCUMENTS_PER_PART = 500;

export async function findUnindexedThreads(path: string): Promise<StoredThreadDocument[]> {
  const sqlite = connect(path, { synchronous: "normal" });
  try {
    sqlite.pragma(`cache_size = -${SCAN_CACHE_KIB}`);
    const rows = new ThreadIndexRows(sqlite);
    const { from, to } = threadDocumentNameRange();
    const starts = rows.threadDocumentNamesEvery(DOCUMENTS_PER_PART);
    const found: StoredThreadDocument[] = [];
    for (let part = 0; part < starts.length; part++) {
      if (part > 0) await new Promise((resolve) => setImmediate(resolve));
      found.push(
        ...rows.unindexedIn(part === 0 ? from : (starts[part] ?? to), starts[part + 1] ?? to),
      );
    }
    return found;
  } finally {
    sqlite.close();
  }
}
