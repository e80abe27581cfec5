// Preloaded into the agent bridge under test (`node --expose-gc --import <this file>
// agent-bridge/src/main.ts`): notes the name of every document the bridge sends a Hocuspocus
// message for (each message starts with the document's name), and which it has closed, by
// watching WebSocket.prototype.send. On SIGUSR2 it writes to $BENCH_BRIDGE_REPORT_FILE (whole,
// then renamed) the heap in use after a full collection, the resident set, the documents open now
// and those opened since the previous signal. The bridge itself is not changed; the benchmark
// only signals it.
import { renameSync, writeFileSync } from "node:fs";
import * as decoding from "lib0/decoding";

/** Hocuspocus's message type a provider sends when it leaves a document. */
const CLOSE_MESSAGE = 7;

export interface BridgeReport {
  sequence: number;
  /** Heap in use after a full collection (what the bridge still holds), MB; null without --expose-gc. */
  heapUsedMb: number | null;
  rssMb: number;
  /** Documents the bridge has joined and not left. */
  open: string[];
  /** Documents the bridge sent anything for since the previous report. */
  opened: string[];
}

const file = process.env.BENCH_BRIDGE_REPORT_FILE;
const collectGarbage = (globalThis as { gc?: () => void }).gc;

function note(data: unknown, open: Set<string>, touched: Set<string>): void {
  if (!(data instanceof Uint8Array)) return;
  try {
    const decoder = decoding.createDecoder(data);
    // A provider with session awareness prefixes "<document>\0<session id>".
    const [name = ""] = decoding.readVarString(decoder).split("\0");
    const type = decoding.readVarUint(decoder);
    if (type === CLOSE_MESSAGE) {
      open.delete(name);
      return;
    }
    open.add(name);
    touched.add(name);
  } catch {
    // Not a Hocuspocus message: not a document.
  }
}

if (file !== undefined && file !== "") {
  const open = new Set<string>();
  const touched = new Set<string>();
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data) {
    note(data, open, touched);
    send.call(this, data);
  };
  let sequence = 0;
  process.on("SIGUSR2", () => {
    sequence += 1;
    collectGarbage?.();
    const mb = (bytes: number) => bytes / 2 ** 20;
    const report: BridgeReport = {
      sequence,
      heapUsedMb: collectGarbage === undefined ? null : mb(process.memoryUsage().heapUsed),
      rssMb: mb(process.memoryUsage().rss),
      open: [...open],
      opened: [...touched],
    };
    touched.clear();
    writeFileSync(`${file}.tmp`, JSON.stringify(report));
    renameSync(`${file}.tmp`, file);
  });
}
