// Worker thread that draws a PDF's first page: pdf.js (its Node build) runs its parser on the
// thread that loads it, so a hostile PDF would hold the server's event loop for as long as it
// keeps pdf.js busy. Here it holds only this thread, which the server terminates at its deadline
// (pdf-thumbnail.ts). pdf.js draws onto a canvas from @napi-rs/canvas (prebuilt, no system
// libraries) and loads no fonts but its own bundled ones (read from the package's files, never
// the network); pdf.js 6 has no eval path left (its isEvalSupported option is gone).
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parentPort, workerData } from "node:worker_threads";
import type { PDFDocumentProxy, PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { PdfPageRequest, PdfPageResponse } from "./pdf-page-protocol.ts";

/** The package's own font and character-map files, as pdf.js asks for them (with a trailing /). */
function packageFolder(name: string): string {
  return fileURLToPath(new URL(`${name}/`, import.meta.resolve("pdfjs-dist/package.json")));
}

type RenderParameters = Parameters<PDFPageProxy["render"]>[0];

async function drawFirstPage(document: PDFDocumentProxy, maxPx: number): Promise<Buffer> {
  const { createCanvas } = await import("@napi-rs/canvas");
  const page = await document.getPage(1);
  const natural = page.getViewport({ scale: 1 });
  const scale = maxPx / Math.max(natural.width, natural.height, 1);
  const viewport = page.getViewport({ scale });
  const canvas = createCanvas(
    Math.max(1, Math.ceil(viewport.width)),
    Math.max(1, Math.ceil(viewport.height)),
  );
  const context = canvas.getContext("2d");
  await page.render({
    // @napi-rs/canvas implements the part of the DOM canvas pdf.js draws with.
    canvas: canvas as unknown as RenderParameters["canvas"],
    canvasContext: context as unknown as RenderParameters["canvasContext"],
    viewport,
  }).promise;
  return canvas.toBuffer("image/png");
}

async function firstPagePng({ path, maxPx, maxImagePixels }: PdfPageRequest): Promise<Buffer> {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = getDocument({
    data: new Uint8Array(await readFile(path)),
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: packageFolder("standard_fonts"),
    cMapUrl: packageFolder("cmaps"),
    maxImageSize: maxImagePixels,
    verbosity: 0,
  });
  try {
    return await drawFirstPage(await task.promise, maxPx);
  } finally {
    await task.destroy().catch(() => {});
  }
}

const port = parentPort;
if (port === null) throw new Error("pdf-page-worker.ts must run as a worker thread");
firstPagePng(workerData as PdfPageRequest).then(
  (png) => port.postMessage({ png } satisfies PdfPageResponse),
  () => port.postMessage({ png: null } satisfies PdfPageResponse),
);
