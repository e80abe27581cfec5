// The Context panel's filter on a copy kept offline: the items whose text holds every word of the
// filter, ignoring case, as the server's filter does (GET /api/channels/{id}/context-items?q=).
import type { ContextItemView } from "@openvibe/schema";

export function filterItems(items: readonly ContextItemView[], q: string): ContextItemView[] {
  const words = q
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== "");
  return items.filter((item) => {
    const text = item.text.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
