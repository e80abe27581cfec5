// Search never shows a private channel's content to someone who cannot read it (no hits, no
// counts, no snippets), and `ovb reindex` rebuilds an emptied index from the stored documents.
import { describe, expect, it } from "vitest";
import { SearchIndex } from "../src/search/search-index.ts";
import { ovb } from "./support/ovb.ts";
import {
  buildSearchWorld,
  indexed,
  openWriters,
  search,
  snippets,
  thread,
} from "./support/search-world.ts";
import { startTestServer } from "./support/test-server.ts";

describe("search access and rebuild", () => {
  it("shows a private channel's words only to those who can read it", async () => {
    const test = await startTestServer();
    const w = await buildSearchWorld(test.current);
    const { generalDoc, secretDoc } = await openWriters(w);
    await thread(secretDoc, w.memberActor, "the zebracorn launch is on friday");
    await thread(generalDoc, w.memberActor, "zebracorn rumours in public");
    await indexed(w.server, secretDoc, generalDoc);

    for (const reader of [w.member, w.admin, w.guest]) {
      const result = await search(reader.client, "zebracorn launch ");
      expect(snippets(result)).toEqual(["the [zebracorn] [launch] is on friday"]);
    }
    for (const q of ["zebracorn launch ", "zebracorn in:#secret-plans", "launch", "zebracorn"]) {
      const result = await search(w.outsider.client, q);
      expect(result).toEqual({
        hits: [],
        nextCursor: null,
        total: { count: 0, capped: false },
        corrections: [],
        problems: [],
        contextItems: [],
      });
    }
    // The guest is not in the public channel: its message is not theirs to find either.
    expect((await search(w.guest.client, "rumours ")).total.count).toBe(0);
    expect((await search(w.member.client, "zebracorn ")).total.count).toBe(2);
    // A typo fallback only draws on words the caller could have found.
    expect(await search(w.outsider.client, "zebracron ")).toMatchObject({
      hits: [],
      corrections: [],
    });
  });

  it("ovb reindex rebuilds an emptied index from the stored documents", async () => {
    const test = await startTestServer();
    const w = await buildSearchWorld(test.current);
    const { generalDoc, secretDoc } = await openWriters(w);
    await thread(generalDoc, w.memberActor, "the capybara meeting moved");
    await thread(secretDoc, w.memberActor, "capybara budget is private");
    await indexed(w.server, generalDoc, secretDoc);
    const index = new SearchIndex(w.server.ctx.db.$client);
    for (const channelId of index.indexedChannelIds()) index.removeChannel(channelId);
    expect((await search(w.member.client, "capybara ")).hits).toEqual([]);

    const run = await ovb(test.dataDir, ["reindex", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ channels: 3, messages: 2 });
    expect(run.stderr).toContain("reindex: 2/3 #secret-plans: 1 messages");
    expect((await search(w.member.client, "capybara ")).total.count).toBe(2);

    const one = await ovb(test.dataDir, ["reindex", "--channel", "#secret-plans", "--json"]);
    expect(JSON.parse(one.stdout)).toMatchObject({ channels: 1, messages: 1 });
    expect((await search(w.member.client, "capybara ")).total.count).toBe(2);
  });
});
