import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { miniSearchJson } from "./minisearch-json.ts";

interface Doc {
  id: string;
  body: string;
  at: number;
}

const OPTIONS = { fields: ["body"], storeFields: ["at"] };

describe("MiniSearch's JSON text written from its maps", () => {
  it("is the text JSON.stringify writes, after additions, discards and re-additions", () => {
    const mini = new MiniSearch<Doc>(OPTIONS);
    mini.addAll([
      { id: "a", body: 'status update "quoted" naïve', at: 1 },
      { id: "b", body: "status report", at: 2 },
      { id: "c", body: "東京 café", at: 3.5 },
    ]);
    mini.discard("b");
    mini.add({ id: "b", body: "status again", at: 4 });
    expect(miniSearchJson(mini)).toBe(JSON.stringify(mini));
    const loaded = MiniSearch.loadJSON<Doc>(miniSearchJson(mini), OPTIONS);
    expect(loaded.search("status").map((hit) => hit.id)).toEqual(
      mini.search("status").map((hit) => hit.id),
    );
  });

  it("writes an empty index", () => {
    expect(miniSearchJson(new MiniSearch<Doc>(OPTIONS))).toBe(
      JSON.stringify(new MiniSearch(OPTIONS)),
    );
  });
});
