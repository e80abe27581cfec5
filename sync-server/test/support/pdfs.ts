// PDFs for tests, made with pdf-lib.
import { PDFDocument } from "pdf-lib";

/** A PDF of one blank page of `width` x `height` points. */
export async function blankPdf(width: number, height: number): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.addPage([width, height]);
  return Buffer.from(await pdf.save());
}
