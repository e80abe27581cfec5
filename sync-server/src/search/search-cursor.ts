// Opaque cursors of GET /api/search: how many ranked rows earlier pages showed, and what the
// first page fixed so later pages rank the same candidates the same way (newest row, reference
// time, whether typo corrections were in use). An offset, not a (score, id) keyset: bm25 scores
// drift whenever the index changes (document counts and lengths), an order rarely does.
import { z } from "zod";
import { ApiError } from "../errors.ts";

const cursorShape = z.object({
  offset: z.number().int().nonnegative(),
  maxRowId: z.number().int().nonnegative(),
  nowMs: z.number().int(),
  fuzzy: z.boolean(),
});

export type SearchCursor = z.infer<typeof cursorShape>;

export function encodeCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(text: string): SearchCursor {
  try {
    return cursorShape.parse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
  } catch {
    throw new ApiError("validation_failed", "cursor: not a cursor from a previous page", {
      issues: [{ path: "cursor", message: "not a cursor from a previous page" }],
    });
  }
}
