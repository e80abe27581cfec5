// Search results read as the messages do: the snippet is plain text with the matched words
// highlighted, never raw Markdown, whether the hit comes from this browser's index or from
// the server's (for a channel this browser does not hold).
import type { ChannelView, SessionView } from "@openvibe/schema";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { connectPeer } from "../../sync-server/test/support/peers.ts";
import { webSocketToken } from "../../sync-server/test/support/socket-credentials.ts";
import { startThreadDocument } from "../../sync-server/test/support/split-channels.ts";
import { results, search, signIn, startScenario, startThread } from "./support/browser.ts";
import { expectStatus } from "./support/child-workspace.ts";

const MARKDOWN =
  "The **quarterly** report is in `reports/q3.md`, see [the summary](https://example.com/q3)";
const PLAIN = "The quarterly report is in reports/q3.md, see the summary";

async function snippetOf(page: Page, source: "local" | "server") {
  const result = results(page).and(page.locator(`[data-source="${source}"]`));
  await result.waitFor();
  const snippet = result.locator(".snippet");
  return {
    text: await snippet.textContent(),
    marked: await snippet.locator("mark").allTextContents(),
  };
}

describe("search result snippets", () => {
  it("show message text without Markdown syntax, with the match highlighted", async () => {
    const scenario = await startScenario();
    const { workspace } = scenario;

    // A channel this browser will not hold: written by the admin's peer, then left.
    const created = await workspace.admin.post<ChannelView>("/api/channels", {
      name: "reports",
      visibility: "public",
    });
    const reportsId = expectStatus(created, 201, "creating #reports").id;
    const session = await workspace.admin.get<SessionView>("/api/auth/session");
    const peer = connectPeer(workspace.websocketUrl, {
      token: await webSocketToken(workspace.admin),
    });
    await startThreadDocument(
      peer,
      reportsId,
      { kind: "human", id: session.body.user.id },
      {
        title: "Elsewhere",
        body: `Archived: ${MARKDOWN}`,
      },
    );
    peer.close();
    expectStatus(await workspace.admin.post(`/api/channels/${reportsId}/leave`), 204, "leaving");

    const { page } = await signIn(scenario, "admin@example.com");
    await startThread(page, "town-square", "Q3", MARKDOWN);
    await search(page, "quarterly");

    for (const source of ["local", "server"] as const) {
      const snippet = await snippetOf(page, source);
      expect(snippet.text, source).toContain(PLAIN);
      expect(snippet.text, source).not.toMatch(/\*\*|`|\]\(|https:/);
      expect(snippet.marked, source).toEqual(["quarterly"]);
    }
  });
});
