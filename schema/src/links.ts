// Web links in a message's text: bare, in <…>, or a Markdown link's address. One rule for the
// link previews (the first link gets one), and the `has:link` search filter on the server and in
// the browser.
const LINK = /\bhttps?:\/\/[^\s<>"'`()[\]{}]+/giu;
/** Sentence punctuation that ends a link written at the end of a sentence. */
const TRAILING = /[.,;:!?…]+$/u;
export const MAX_LINK_LENGTH = 2_048;

/** The http(s) links in `text`, in order, each once, as absolute URLs. */
export function linksIn(text: string): string[] {
  const links: string[] = [];
  for (const match of text.matchAll(LINK)) {
    const candidate = match[0].replace(TRAILING, "");
    if (candidate.length > MAX_LINK_LENGTH || !URL.canParse(candidate)) continue;
    const href = new URL(candidate).href;
    if (!links.includes(href)) links.push(href);
  }
  return links;
}

export function hasLink(text: string): boolean {
  return linksIn(text).length > 0;
}
