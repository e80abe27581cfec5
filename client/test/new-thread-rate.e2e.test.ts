// The per-person rate of new threads (OPENVIBE_NEW_THREADS_PER_MINUTE) as a person meets it in the
// browser: threads started faster than the rate are refused at the write that would create
// their documents (`too-many-new-threads;wait-ms=N`, nothing stored); the browser keeps each and
// sends it again after the wait the server said, so every thread reaches the other members
// without a reload, and the top bar ends "all synced".
import { describe, expect, it } from "vitest";
import { signIn, startScenario, startThread, syncIndicator } from "./support/browser.ts";

const TITLES = ["First", "Second", "Third"];

/** The server's count of new thread documents refused for their creator's rate. */
async function newThreadRefusals(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text
    .split("\n")
    .find((l) => l.startsWith('openvibe_write_refusals_total{kind="too-many-new-threads"} '));
  return line === undefined ? 0 : Number(line.split(" ").at(-1));
}

describe("new threads past the per-person rate", () => {
  it("reach everyone once the rate allows, without a reload", async () => {
    // One thread at once, then one every five seconds: the second and third wait their turn (the
    // three are started well within ten seconds even on a loaded machine, so some are refused).
    const scenario = await startScenario({
      OPENVIBE_NEW_THREADS_BURST: "1",
      OPENVIBE_NEW_THREADS_PER_MINUTE: "12",
    });
    const member = await signIn(scenario, "member@example.com");
    for (const title of TITLES) {
      await startThread(member.page, "town-square", title, `${title} thread's words`);
    }

    const admin = await signIn(scenario, "admin@example.com");
    await admin.page.getByRole("navigation", { name: "Channels" }).getByText("town-square").click();
    const threads = admin.page.getByRole("list", { name: "Threads" });
    for (const title of TITLES) {
      await threads.getByText(title, { exact: true }).waitFor({ timeout: 45_000 });
    }
    await syncIndicator(member.page).getByText("all synced").waitFor();
    expect(await newThreadRefusals(scenario.url)).toBeGreaterThan(0);
  }, 90_000);
});
