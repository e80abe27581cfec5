// A PDF's first page as a thumbnail: drawn by pdf.js in a worker thread of its own
// (pdf-page-worker.ts), and turned by sharp into the same WebP an image's thumbnail is.
// Untrusted input, so within limits: PDFs over PDF_MAX_BYTES are not read, the page is drawn no
// larger than THUMBNAIL_PX on its longer side, images in it over PDF_MAX_IMAGE_PIXELS are
// skipped, and the worker is terminated after PDF_RENDER_MS or when its heap passes
// PDF_WORKER_HEAP_MB, so a PDF built to keep pdf.js busy costs one thread for that long and never
// the server's event loop. One PDF is drawn at a time: a burst of uploads queues rather than
// starting a thread each. A PDF pdf.js cannot draw in time just has no thumbnail; the upload is
// stored all the same.
import { stat } from "node:fs/promises";
import { Worker } from "node:worker_threads";
import sharp from "sharp";
import type { PdfPageRequest, PdfPageResponse } from "./pdf-page-protocol.ts";

/** PDFs larger than this are not opened for a thumbnail. */
export const PDF_MAX_BYTES = 50 * 1024 * 1024;
/** Images inside a PDF larger than this many pixels are not decoded (left out of the page). */
export const PDF_MAX_IMAGE_PIXELS = 25_000_000;
/** How long drawing the first page may take before its worker is terminated. */
export const PDF_RENDER_MS = 10_000;
/** The drawing worker's heap limit. */
const PDF_WORKER_HEAP_MB = 512;

/** The first page as PNG bytes, or undefined when the worker could not draw it within `ms`. */
function drawInWorker(request: PdfPageRequest, ms: number): Promise<Uint8Array | undefined> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL("./pdf-page-worker.ts", import.meta.url), {
      workerData: request,
      resourceLimits: { maxOldGenerationSizeMb: PDF_WORKER_HEAP_MB },
    });
    const done = (png: Uint8Array | undefined) => {
      clearTimeout(timer);
      resolve(png);
      void worker.terminate();
    };
    const timer = setTimeout(() => done(undefined), ms);
    worker.on("message", (response: PdfPageResponse) => done(response.png ?? undefined));
    worker.on("error", () => done(undefined));
    worker.on("exit", () => done(undefined));
  });
}

let queue: Promise<unknown> = Promise.resolve();

/** A WebP of the PDF's first page fitted in maxPx, or undefined when it cannot be drawn in time. */
export async function pdfThumbnail(
  path: string,
  maxPx: number,
  renderMs = PDF_RENDER_MS,
): Promise<Buffer | undefined> {
  if ((await stat(path)).size > PDF_MAX_BYTES) return undefined;
  const request: PdfPageRequest = { path, maxPx, maxImagePixels: PDF_MAX_IMAGE_PIXELS };
  const drawn = queue.then(() => drawInWorker(request, renderMs));
  queue = drawn;
  const png = await drawn;
  if (png === undefined) return undefined;
  try {
    return await sharp(png).webp({ quality: 80 }).toBuffer();
  } catch {
    return undefined;
  }
}
