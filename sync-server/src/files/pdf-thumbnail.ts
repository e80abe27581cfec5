// A PDF's first page as a thumbnail: pdf.js (its Node build) draws page 1 onto a canvas from
// @napi-rs/canvas (prebuilt, no system libraries), and sharp turns that into the same WebP an
// image's thumbnail is. Untrusted input, so within limits: PDFs over PDF_MAX_BYTES are not read,
// the page is drawn no larger than THUMBNAIL_PX on its longer side, images in it over
// PDF_MAX_IMAGE_PIXELS are skipped, the whole rendering has PDF_RENDER_MS, and pdf.js loads no
// fonts but its own bundled ones (read from the package's files, never the network). pdf.js 6
// has no eval path left (its isEvalSupported option is gone). A PDF pdf.js cannot draw in time
// just has no thumbnail; the upload is stored all the same.
import { readFile, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { PDFDocumentProxy, PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import sharp from "sharp";

/** PDFs larger than this are not opened for a thumbnail. */
export const PDF_MAX_BYTES = 50 * 1024 * 1024;
/** Images inside a PDF larger than this many pixels are not decoded (left out of the page). */
export const PDF_MAX_IMAGE_PIXELS = 25_000_000;
/** How long drawing the first page may take before it is given up. */
export const PDF_RENDER_MS = 10_000;

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

/** A WebP of the PDF's first page fitted in maxPx, or undefined when it cannot be drawn in time. */
export async function pdfThumbnail(path: string, maxPx: number): Promise<Buffer | undefined> {
  if ((await stat(path)).size > PDF_MAX_BYTES) return undefined;
  // Loaded on the first PDF only: pdf.js is large, and most servers (and tests) never need it.
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = getDocument({
    data: new Uint8Array(await readFile(path)),
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: packageFolder("standard_fonts"),
    cMapUrl: packageFolder("cmaps"),
    maxImageSize: PDF_MAX_IMAGE_PIXELS,
    verbosity: 0,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeUp = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), PDF_RENDER_MS);
  });
  try {
    const png = await Promise.race([
      task.promise.then((document) => drawFirstPage(document, maxPx)),
      timeUp,
    ]);
    if (png === undefined) return undefined;
    return await sharp(png).webp({ quality: 80 }).toBuffer();
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => {});
  }
}
