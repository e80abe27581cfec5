// The drawing deadline holds even for a PDF built to keep pdf.js busy: its worker is
// terminated, where pdf.js on the server's own thread could not be interrupted (it held the
// event loop for the whole page, about 3.5 s for this one, and the deadline's timer with it).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument, PDFName } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import { pdfThumbnail } from "./pdf-thumbnail.ts";

const directory = mkdtempSync(join(tmpdir(), "openvibe-pdf-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** A one-page PDF whose page is `rectangles` tiny filled rectangles: seconds of drawing. */
async function busyPdf(rectangles: number): Promise<string> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([600, 800]);
  const operators = Array.from(
    { length: rectangles },
    (_, i) => `${i % 600} ${i % 800} 0.5 0.5 re f`,
  );
  const contents = pdf.context.register(pdf.context.flateStream(operators.join("\n")));
  page.node.set(PDFName.of("Contents"), contents);
  const path = join(directory, `busy-${rectangles}.pdf`);
  writeFileSync(path, await pdf.save());
  return path;
}

describe("PDF thumbnails", () => {
  it("gives up on a page that takes longer than the deadline to draw", async () => {
    const path = await busyPdf(300_000);
    expect(await pdfThumbnail(path, 360, 300)).toBeUndefined();
  });
});
