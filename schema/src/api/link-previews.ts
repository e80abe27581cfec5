// Link previews over HTTP: GET /api/link-previews?url=… answers what the server knows of a page
// (fetched through its SSRF guard, cached); GET /api/link-previews/image?url=… serves that
// page's image from the cache.
import { z } from "zod";
import { MAX_LINK_LENGTH } from "../links.ts";

export const linkPreviewQuery = z.strictObject({
  url: z
    .string()
    .max(MAX_LINK_LENGTH)
    .refine(
      (value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol),
      "an absolute http or https URL",
    ),
});

export const linkPreview = z.strictObject({
  url: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  /** GET /api/link-previews/image?url=<url> serves it. */
  hasImage: z.boolean(),
});

/** null: the page has nothing to show (or cannot be fetched). */
export const linkPreviewResponse = z.strictObject({ preview: linkPreview.nullable() });

export type LinkPreview = z.infer<typeof linkPreview>;
export type LinkPreviewResponse = z.infer<typeof linkPreviewResponse>;
