// What the server asks of the PDF page worker (pdf-page-worker.ts) and what it answers.

export interface PdfPageRequest {
  /** The PDF, already checked to be within PDF_MAX_BYTES. */
  path: string;
  /** The page is drawn no larger than this on its longer side. */
  maxPx: number;
  /** Images inside the PDF larger than this many pixels are not decoded. */
  maxImagePixels: number;
}

/** The first page as PNG bytes, or null when pdf.js could not draw it. */
export interface PdfPageResponse {
  png: Uint8Array | null;
}
