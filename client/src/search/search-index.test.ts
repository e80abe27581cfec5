import { hasLink, parseSearchQuery } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import type { FilterNames } from "./query-plan.ts";
import { planSearch } from "./query-plan.ts";
import { type IndexedMessage, SearchIndex } from "./search-index.ts";
import { highlightSegments } from "./text.ts";
import { warmUp } from "./warm-up.ts";

const NAMES: FilterNames = {
  channelIdByName: (name) => ({ general: "c1", random: "c2" })[name],
  personIdByHandle: (handle) => ({ alice: "u-alice", helper: "a-helper" })[handle],
};

const DAY = 86_400_000;
const JAN_10 = Date.parse("2025-01-10T12:00:00Z");

function message(id: string, body: string, facts: Partial<IndexedMessage> = {}): IndexedMessage {
  return {
    id,
    body,
    channelId: "c1",
    threadId: "t1",
    forkId: null,
    authorId: "u-alice",
    createdAt: JAN_10,
    pinned: false,
    hasFork: false,
    hasLink: hasLink(body),
    ...facts,
  };
}

function indexOf(messages: readonly IndexedMessage[]): SearchIndex {
  const index = SearchIndex.empty();
  for (const m of messages) index.put(m);
  return index;
}

function searchIds(index: SearchIndex, query: string): string[] {
  const plan = planSearch(parseSearchQuery(query), NAMES);
  return index.search(plan, 50).map((hit) => hit.messageId);
}

const SAMPLE = [
  message("accent", "Rendez-vous au Café de Flore"),
  message("cjk", "東京で会議があります"),
  message("emoji", "Shipped it 🎉 finally"),
  message("rtl", "שלום עולם and مرحبا بالعالم"),
  message("payments", "The payments service is down"),
  message("deploy", "deploying the new build tonight"),
];

describe("the browser search index", () => {
  const index = indexOf(SAMPLE);

  it("folds case and accents both ways", () => {
    expect(searchIds(index, "cafe ")).toEqual(["accent"]);
    expect(searchIds(index, "CAFÉ ")).toEqual(["accent"]);
  });

  it("indexes CJK a character at a time and needs the run to be consecutive", () => {
    expect(searchIds(index, "会議")).toEqual(["cjk"]);
    expect(searchIds(index, "議会")).toEqual([]);
  });

  it("finds emoji and right-to-left words", () => {
    expect(searchIds(index, "🎉")).toEqual(["emoji"]);
    expect(searchIds(index, "שלום ")).toEqual(["rtl"]);
    expect(searchIds(index, "مرحبا ")).toEqual(["rtl"]);
  });

  it("treats the word being typed as a prefix, and only that one", () => {
    expect(searchIds(index, "paym")).toEqual(["payments"]);
    expect(searchIds(index, "paym ")).toEqual([]);
    // From its third letter: "pa" is only the word "pa".
    expect(searchIds(index, "pay")).toEqual(["payments"]);
    expect(searchIds(index, "pa")).toEqual([]);
  });

  it("tolerates small typos when nothing matches exactly", () => {
    expect(searchIds(index, "paymnets ")).toEqual(["payments"]);
    expect(searchIds(index, "deplyoing ")).toEqual(["deploy"]);
  });

  it("checks quoted phrases against the text", () => {
    expect(searchIds(index, '"payments service"')).toEqual(["payments"]);
    expect(searchIds(index, '"service payments"')).toEqual([]);
  });

  it("highlights the matched words of a hit", () => {
    const segments = highlightSegments("Rendez-vous au Café de Flore", new Set(["cafe"]));
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(["Café"]);
  });
});

describe("filters", () => {
  const index = indexOf([
    message("plain", "status update"),
    message("other-channel", "status update", { channelId: "c2" }),
    message("agent", "status update", { authorId: "a-helper" }),
    message("forked", "status update", { forkId: "f1" }),
    message("parent", "status update", { hasFork: true }),
    message("pinned", "status update", { pinned: true }),
    message("linked", "status update, notes at https://example.com/notes."),
    message("old", "status update", { createdAt: JAN_10 - 5 * DAY }),
  ]);

  it.each([
    ["status in:#random", ["other-channel"]],
    ["status from:@helper", ["agent"]],
    ["status in:fork", ["forked"]],
    ["status has:fork", ["parent"]],
    ["status has:link", ["linked"]],
    ["status is:pinned", ["pinned"]],
    ["status before:2025-01-09", ["old"]],
    ["in:#nowhere status", []],
  ])("%s", (query, expected) => {
    expect(searchIds(index, query)).toEqual(expected);
    // The same after a save and a load (the facts are columns there).
    expect(searchIds(SearchIndex.fromPlain(structuredClone(index.toPlain())), query)).toEqual(
      expected,
    );
  });

  it("lists the newest first for a filter-only search", () => {
    expect(searchIds(index, "after:2025-01-01").at(-1)).toBe("old");
  });
});

describe("changes and persistence", () => {
  it("replaces an edited message and removes a deleted one", () => {
    const index = indexOf([message("m", "first draft"), message("n", "keep me")]);
    expect(index.put(message("m", "first draft"))).toBe(false);
    index.put(message("m", "final wording"));
    expect(searchIds(index, "draft ")).toEqual([]);
    expect(searchIds(index, "wording ")).toEqual(["m"]);
    index.remove("n");
    expect(searchIds(index, "keep ")).toEqual([]);
    expect(index.size).toBe(1);
  });

  it("round-trips through its saved form, each segment columns of typed arrays", () => {
    const index = indexOf(SAMPLE);
    const saved = structuredClone(index.toPlain());
    expect(saved.segments.every((segment) => segment.text instanceof Uint16Array)).toBe(true);
    const loaded = SearchIndex.fromPlain(saved);
    expect(searchIds(loaded, "paym")).toEqual(["payments"]);
    const plan = planSearch(parseSearchQuery("the"), NAMES);
    const hits = (of: SearchIndex) => of.search(plan, 20, JAN_10);
    expect(hits(loaded)).toEqual(hits(index));
    expect(loaded.channelMessageIds("c1").size).toBe(SAMPLE.length);
    loaded.removeChannel("c1");
    expect(loaded.size).toBe(0);
  });
});

describe("the warm-up search", () => {
  it("leaves an index, empty or not, as it was", async () => {
    warmUp(SearchIndex.empty());
    const index = indexOf([message("m1", "the weather")]);
    index.markSaved(await index.unsaved());
    warmUp(index);
    expect(index.size).toBe(1);
    expect((await index.unsaved()).changed).toHaveLength(0);
  });
});

describe("segments and the candidate cap", () => {
  const MINUTE = 60_000;
  /** Small segments and cap, so a few dozen messages span many segments and exceed the cap. */
  const LIMITS = { segmentSize: 4, candidateCap: 10 };

  /** `count` messages saying "status", one a minute, the channels taking turns; m0 the oldest. */
  function busyIndex(count: number): SearchIndex {
    const index = SearchIndex.empty(LIMITS);
    const byChannel = Array.from({ length: count }, (_, i) =>
      message(`m${i}`, "status update", {
        channelId: i % 2 === 0 ? "c1" : "c2",
        createdAt: JAN_10 + i * MINUTE,
      }),
    ).sort((a, b) => a.channelId.localeCompare(b.channelId));
    for (const m of byChannel) index.put(m);
    return index;
  }

  /** The ids of `count` messages going back from m`last`, `step` apart, sorted as strings. */
  function newest(count: number, last: number, step = 1): string[] {
    return Array.from({ length: count }, (_, i) => `m${last - i * step}`).sort();
  }

  it("ranks only the newest matches when a word is in more messages than the cap", () => {
    const index = busyIndex(40);
    // Very relevant but older than the newest 10 matches: not ranked, as on the server.
    index.put(message("old", "status status status", { createdAt: JAN_10 - MINUTE }));
    // As relevant, among the newest: ranked first.
    index.put(message("new", "status status status", { createdAt: JAN_10 + 35.5 * MINUTE }));
    const ids = searchIds(index, "status ");
    expect(ids[0]).toBe("new");
    expect(ids).not.toContain("old");
    expect(ids).toHaveLength(10);
    expect(ids.slice(1).sort()).toEqual(newest(9, 39));
  });

  it("still finds a rare word in the oldest segment", () => {
    const index = busyIndex(40);
    index.put(message("rare", "quarterly roadmap", { createdAt: JAN_10 - MINUTE }));
    expect(searchIds(index, "roadmap ")).toEqual(["rare"]);
    expect(searchIds(index, "roadmpa ")).toEqual(["rare"]);
  });

  it("reads only the channel named by in:#channel, newest first for equal relevance", () => {
    const index = busyIndex(40);
    const ids = searchIds(index, "status in:#random");
    expect(ids).toHaveLength(10);
    expect(ids.slice(0, 3)).toEqual(["m39", "m37", "m35"]);
  });

  it("lists a filter-only search newest first across channels and segments", () => {
    const index = busyIndex(40);
    const plan = planSearch(parseSearchQuery("after:2025-01-01"), NAMES);
    const ids = index.search(plan, 3).map((hit) => hit.messageId);
    expect(ids).toEqual(["m39", "m38", "m37"]);
  });

  it("forgets removed messages and channels", () => {
    const index = busyIndex(40);
    for (let i = 30; i < 40; i++) index.remove(`m${i}`);
    expect(searchIds(index, "status ").sort()).toEqual(newest(10, 29));
    index.removeChannel("c2");
    expect(index.channelIds()).toEqual(["c1"]);
    expect(searchIds(index, "status ").sort()).toEqual(newest(10, 28, 2));
    expect(index.size).toBe(15);
  });

  it("forgets the messages of the threads named, and the segments they leave empty", async () => {
    const index = busyIndex(40);
    // Thread t2 of c1: its ten newest messages, half of its third segment (of four messages each)
    // and all of its fourth and fifth.
    for (let i = 20; i < 40; i += 2) {
      index.put(
        message(`m${i}`, "status update", { threadId: "t2", createdAt: JAN_10 + i * MINUTE }),
      );
    }
    index.markSaved(await index.unsaved());
    const segmentsBefore = (await index.unsaved()).segmentIds.length;
    const inT2 = (channel: string, thread: string) => channel === "c1" && thread === "t2";
    const ids = index.messagesOfThreads(inT2);
    expect(ids.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `m${20 + 2 * i}`).sort());
    for (const id of ids) index.remove(id);
    expect(index.messagesOfThreads(inT2)).toEqual([]);
    expect(searchIds(index, "status ").sort()).toEqual(newest(10, 39, 2));
    expect(index.channelMessageIds("c1")).toEqual(new Set(newest(10, 18, 2)));
    // What a save writes: c1's emptied segments are gone, the one left holding t1 rewritten.
    const saved = await index.unsaved();
    expect(saved.segmentIds).toHaveLength(segmentsBefore - 2);
    expect(saved.changed.map((segment) => segment.channelId)).toEqual(["c1"]);
  });

  it("loads saved segments one at a time, newest first, searching what is loaded", async () => {
    const saved = structuredClone(await busyIndex(40).unsaved());
    const byId = new Map(saved.changed.map((segment) => [segment.id, segment]));
    const order = saved.segmentIds.flatMap((id) => byId.get(id) ?? []);
    expect(order).toHaveLength(saved.changed.length);
    expect(order[0]?.channelId).toBe("c2");
    const loading = SearchIndex.empty(LIMITS);
    const [newest, ...rest] = order;
    if (newest !== undefined) loading.restore(newest);
    expect(searchIds(loading, "status ")[0]).toBe("m39");
    for (const segment of rest) loading.restore(segment);
    expect(searchIds(loading, "status ")).toEqual(searchIds(busyIndex(40), "status "));
    expect((await loading.unsaved()).changed).toHaveLength(0);
    loading.put(message("m40", "status", { channelId: "c1", createdAt: JAN_10 + 40 * MINUTE }));
    expect((await loading.unsaved()).changed.map((segment) => segment.channelId)).toEqual(["c1"]);
  });

  it("leaves out of a save the segments dropped while it was being written", async () => {
    const index = busyIndex(40);
    const saving = index.unsaved();
    index.removeChannel("c2");
    const saved = await saving;
    expect(new Set(saved.changed.map((segment) => segment.channelId))).toEqual(new Set(["c1"]));
    expect(saved.segmentIds).toHaveLength(saved.changed.length);
  });

  it("round-trips through its saved segments, saving only what changed", async () => {
    const index = busyIndex(40);
    const first = await index.unsaved();
    expect(first.changed).toHaveLength(first.segmentIds.length);
    index.markSaved(first);
    const loaded = SearchIndex.fromPlain(structuredClone(index.toPlain()), LIMITS);
    expect(searchIds(loaded, "status ")).toEqual(searchIds(index, "status "));
    expect((await loaded.unsaved()).changed).toHaveLength(0);
    loaded.put(message("m40", "status", { channelId: "c2", createdAt: JAN_10 + 40 * MINUTE }));
    expect((await loaded.unsaved()).changed.map((segment) => segment.channelId)).toEqual(["c2"]);
    expect(loaded.channelMessageIds("c2").size).toBe(21);
  });
});
