// A Chromium performance trace of one page over CDP (what DevTools' Performance panel records),
// written as a JSON trace file that DevTools or Perfetto opens.

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { CDPSession } from "playwright-core";

const CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "disabled-by-default-devtools.timeline.frame",
  "disabled-by-default-v8.cpu_profiler",
  "v8.execute",
  "blink.user_timing",
  "loading",
  "netlog",
  "IndexedDB",
].join(",");

/** Starts tracing the page behind `cdp`; the returned function ends it and writes `file`. */
export async function startPageTrace(cdp: CDPSession, file: string): Promise<() => Promise<void>> {
  await cdp.send("Tracing.start", {
    categories: CATEGORIES,
    transferMode: "ReturnAsStream",
  });
  return async () => {
    const complete = new Promise<string>((resolve) =>
      cdp.once("Tracing.tracingComplete", (event) => resolve(event.stream ?? "")),
    );
    await cdp.send("Tracing.end");
    const handle = await complete;
    const out = createWriteStream(file);
    for (;;) {
      const chunk = await cdp.send("IO.read", { handle });
      out.write(chunk.base64Encoded === true ? Buffer.from(chunk.data, "base64") : chunk.data);
      if (chunk.eof) break;
    }
    await cdp.send("IO.close", { handle });
    out.end();
    await once(out, "close");
  };
}
