// Which thread documents leave this browser when the ones held pass the budget: the least
// recently used first, skipping every protected one (open on screen or in a tab, or holding
// changes the server has not acknowledged), until what stays fits the budget or nothing more may
// go. Channel documents are never candidates (they are not counted: see held-documents.ts).

export interface EvictionCandidate {
  readonly documentName: string;
  readonly bytes: number;
  readonly usedAt: number;
}

/** The documents to evict, least recently used first (ties: by name, so every tab agrees). */
export function chooseEvictions(
  held: readonly EvictionCandidate[],
  budgetBytes: number,
  isProtected: (documentName: string) => boolean,
): string[] {
  let total = held.reduce((sum, each) => sum + each.bytes, 0);
  const oldestFirst = [...held].sort(
    (a, b) => a.usedAt - b.usedAt || (a.documentName < b.documentName ? -1 : 1),
  );
  const evicted: string[] = [];
  for (const each of oldestFirst) {
    if (total <= budgetBytes) break;
    if (isProtected(each.documentName)) continue;
    evicted.push(each.documentName);
    total -= each.bytes;
  }
  return evicted;
}
