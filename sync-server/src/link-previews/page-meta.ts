// Title, description and image of a web page, from its Open Graph and Twitter card tags, then
// its <title> and meta description. htmlparser2 reads the HTML as browsers tolerate it (a page
// cut at the size limit too); never throws.
import { Parser } from "htmlparser2";

export interface PageMeta {
  readonly title: string | null;
  readonly description: string | null;
  /** Absolute http(s) URL of the page's image. */
  readonly imageUrl: string | null;
}

export const MAX_TITLE_CHARS = 300;
export const MAX_DESCRIPTION_CHARS = 1_000;

/** Meta names and properties, first found wins in this order of preference. */
const TITLE_KEYS = ["og:title", "twitter:title"];
const DESCRIPTION_KEYS = ["og:description", "twitter:description", "description"];
const IMAGE_KEYS = ["og:image:secure_url", "og:image", "og:image:url", "twitter:image"];

function clean(text: string | undefined, limit: number): string | null {
  const collapsed = (text ?? "").replace(/\s+/g, " ").trim();
  if (collapsed === "") return null;
  return collapsed.length > limit ? `${collapsed.slice(0, limit - 1)}…` : collapsed;
}

function firstOf(values: ReadonlyMap<string, string>, keys: readonly string[]) {
  for (const key of keys) {
    const value = values.get(key);
    if (value !== undefined && value.trim() !== "") return value;
  }
  return undefined;
}

function absoluteHttpUrl(value: string | undefined, base: URL): string | null {
  if (value === undefined) return null;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

export function readPageMeta(html: string, pageUrl: URL): PageMeta {
  const meta = new Map<string, string>();
  let title = "";
  let inTitle = false;
  let titleDone = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "title" && !titleDone) inTitle = true;
        if (name !== "meta") return;
        const key = (attributes.property ?? attributes.name ?? "").toLowerCase();
        if (key !== "" && attributes.content !== undefined && !meta.has(key)) {
          meta.set(key, attributes.content);
        }
      },
      ontext(text) {
        if (inTitle) title += text;
      },
      onclosetag(name) {
        if (name === "title" && inTitle) {
          inTitle = false;
          titleDone = true;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return {
    title: clean(firstOf(meta, TITLE_KEYS) ?? title, MAX_TITLE_CHARS),
    description: clean(firstOf(meta, DESCRIPTION_KEYS), MAX_DESCRIPTION_CHARS),
    imageUrl: absoluteHttpUrl(firstOf(meta, IMAGE_KEYS), pageUrl),
  };
}
