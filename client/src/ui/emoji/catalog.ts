// The emoji people can react with and write by :shortcode:: gemoji's dataset (GitHub's
// shortcodes, with tags, descriptions and Unicode categories), loaded on first use into a
// chunk of its own so the app's first load does not carry it; and how a query finds them.
import type { Gemoji } from "gemoji";
import { useEffect, useState } from "react";

export type EmojiEntry = Gemoji;

let loading: Promise<readonly EmojiEntry[]> | null = null;

export function loadEmojiCatalog(): Promise<readonly EmojiEntry[]> {
  loading ??= import("gemoji").then((module) => module.gemoji);
  return loading;
}

/**
 * The catalog, or null while it loads. It starts loading once `wanted` (on first use: a
 * composer asks only once a shortcode may be typed, so opening a thread does not load it).
 */
export function useEmojiCatalog(wanted = true): readonly EmojiEntry[] | null {
  const [catalog, setCatalog] = useState<readonly EmojiEntry[] | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    loadEmojiCatalog().then(
      (loaded) => current && setCatalog(loaded),
      (error: unknown) => reportError(error),
    );
    return () => {
      current = false;
    };
  }, [wanted]);
  return catalog;
}

/** How well an entry answers a query; lower is better, null: not at all. */
function rank(entry: EmojiEntry, query: string): number | null {
  const wordStarts = (text: string) => text.split(/[\s_-]+/).some((w) => w.startsWith(query));
  if (entry.names.includes(query)) return 0;
  if (entry.names.some((name) => name.startsWith(query))) return 1;
  if (entry.names.some(wordStarts)) return 2;
  if (entry.tags.some((tag) => tag.startsWith(query))) return 3;
  if (wordStarts(entry.description.toLowerCase())) return 4;
  return null;
}

/**
 * Entries for a query, best first: a shortcode equal to it, then shortcodes starting with it,
 * then a word of a shortcode, a tag, a word of the description starting with it; within a
 * rank in the dataset's order (the Unicode order, commonest first).
 */
export function searchEmoji(
  catalog: readonly EmojiEntry[],
  query: string,
  limit = Number.POSITIVE_INFINITY,
): EmojiEntry[] {
  const wanted = query.trim().toLowerCase().replace(/^:|:$/g, "");
  if (wanted === "") return [];
  const ranked: { entry: EmojiEntry; rank: number; order: number }[] = [];
  catalog.forEach((entry, order) => {
    const found = rank(entry, wanted);
    if (found !== null) ranked.push({ entry, rank: found, order });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return ranked.slice(0, limit).map(({ entry }) => entry);
}

/** The entry's shortcode as people type it: ":tada:". */
export function shortcode(entry: EmojiEntry): string {
  return `:${entry.names[0] ?? entry.description}:`;
}
