// A person who holds as many documents open on the server as one may (other tabs, devices,
// scripts) opens a channel: the page says why it stays empty and what to do, rather than
// looking as if it were loading; once they closed some, a reload opens it.
import { threadDocumentName } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { connectPeer } from "../../sync-server/test/support/peers.ts";
import { webSocketTokenAt } from "../../sync-server/test/support/socket-credentials.ts";
import { signIn, startScenario } from "./support/browser.ts";
import { CHANNEL } from "./support/child-workspace.ts";

const LIMIT = 10;

describe("too many documents open", () => {
  it("says so where the channel would be, and opens it after a reload once some are closed", async () => {
    const scenario = await startScenario({ OPENVIBE_MAX_OPEN_DOCUMENTS_PER_PERSON: String(LIMIT) });
    const { channelId } = scenario.workspace;
    // The member's script holds the limit's worth of thread documents open.
    const script = connectPeer(scenario.workspace.websocketUrl, {
      token: await webSocketTokenAt(scenario.url, "member@example.com"),
    });
    for (let i = 0; i < LIMIT; i++) {
      await script.openDocument(
        threadDocumentName(channelId, `01JSCRIPT${String(i).padStart(17, "0")}`),
      );
    }

    const { page } = await signIn(scenario, "member@example.com");
    await page.getByRole("navigation", { name: "Channels" }).getByText(CHANNEL).click();
    const notice = page.getByRole("alert").filter({ hasText: "as many channels and threads open" });
    await notice.waitFor();
    expect(await notice.textContent()).toContain("Close some, then reload.");

    script.close();
    await page.reload();
    await page.getByRole("navigation", { name: "Channels" }).getByText(CHANNEL).click();
    await page.getByLabel("Thread title").waitFor();
    await notice.waitFor({ state: "detached" });
  });
});
