// A thread started offline in a channel that holds the most threads the server allows
// (OPENVIBE_MAX_THREADS_PER_CHANNEL), as its author meets it: back online, the server refuses the
// thread (`channel-full`); the thread says so and the top bar counts it as refused, not merely
// unsynced; its text is still there after a reload; once the operator raises the cap (the server
// restarted with a bigger one) the thread goes again at the next connection and reaches the
// other members.
import { describe, it } from "vitest";
import { message, signIn, startScenario, startThread, syncIndicator } from "./support/browser.ts";

const REFUSED = "The server refused this thread: the channel holds the most threads it allows.";

describe("a new thread in a full channel", () => {
  it("is kept and said to be refused, and arrives once the cap is raised", async () => {
    const scenario = await startScenario({ OPENVIBE_MAX_THREADS_PER_CHANNEL: "1" });
    const member = await signIn(scenario, "member@example.com");
    await startThread(member.page, "town-square", "First", "The one the channel holds");
    await syncIndicator(member.page).getByText("all synced").waitFor();

    // Written on the train, past the cap.
    await member.context.setOffline(true);
    await member.page.getByRole("status").getByText("Offline").waitFor();
    await startThread(member.page, "town-square", "Second", "Written on the train");
    await member.context.setOffline(false);
    const page = member.page;
    await page.getByText(REFUSED).waitFor({ timeout: 30_000 });
    await page.getByRole("status").getByText("1 thread refused: channel full").waitFor();

    // Nothing lost: the thread and its text are still here after a reload, still refused.
    await page.reload();
    await message(page, "Written on the train").waitFor();
    await page.getByText(REFUSED).waitFor({ timeout: 30_000 });

    // The operator raises the cap; the page's next connection sends the thread again.
    await scenario.workspace.restart({ OPENVIBE_MAX_THREADS_PER_CHANNEL: "10" });
    await syncIndicator(page).getByText("all synced").waitFor({ timeout: 45_000 });
    await page.getByText(REFUSED).waitFor({ state: "detached" });
    const admin = await signIn(scenario, "admin@example.com");
    await admin.page.getByRole("navigation", { name: "Channels" }).getByText("town-square").click();
    await admin.page
      .getByRole("list", { name: "Threads" })
      .getByText("Second", { exact: true })
      .waitFor({ timeout: 30_000 });
  }, 150_000);
});
