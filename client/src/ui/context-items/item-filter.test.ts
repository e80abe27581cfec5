import type { ContextItemView } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { filterItems } from "./item-filter.ts";

const item = (text: string) => ({ id: text, text }) as ContextItemView;

describe("the offline filter of context items", () => {
  it("keeps the items holding every word, ignoring case, as the server does", () => {
    const items = [item("We ship on Fridays"), item("Lunch on Fridays"), item("SHIP it")];
    expect(filterItems(items, "fridays ship").map((i) => i.text)).toEqual(["We ship on Fridays"]);
    expect(filterItems(items, "  ").map((i) => i.text)).toHaveLength(3);
    expect(filterItems(items, "ship").map((i) => i.text)).toEqual([
      "We ship on Fridays",
      "SHIP it",
    ]);
  });
});
