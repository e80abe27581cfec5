// The workspace's search switch (settings.features.search) over real HTTP: turned off, every
// caller's search answers 403 feature_disabled; turned on again, the same search finds again.
import type { ApiErrorBody } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { buildSearchWorld, indexed, openWriters, search, thread } from "./support/search-world.ts";
import { startTestServer } from "./support/test-server.ts";

describe("search turned off in the workspace settings", () => {
  it("answers 403 feature_disabled to everyone, and finds again once turned back on", async () => {
    const { current } = await startTestServer();
    const w = await buildSearchWorld(current);
    const { generalDoc } = await openWriters(w);
    await thread(generalDoc, w.memberActor, "the capybara migration plan");
    await indexed(current, generalDoc);
    const switchSearch = async (on: boolean) => {
      const changed = await w.admin.client.patch("/api/workspace", { features: { search: on } });
      expect(changed.status).toBe(200);
    };

    await switchSearch(false);
    for (const client of [w.admin.client, w.member.client]) {
      const refused = await client.get<ApiErrorBody>("/api/search?q=capybara");
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("feature_disabled");
      expect(refused.body.error.message).toMatch(/search is turned off/);
    }

    await switchSearch(true);
    expect((await search(w.member.client, "capybara")).hits).toHaveLength(1);
  });
});
