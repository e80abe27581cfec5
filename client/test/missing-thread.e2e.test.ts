// A link to a thread that does not exist, followed online: the thread view says so (opening its
// document created nothing on the server: sync-server/test/missing-thread.socket.int.test.ts),
// rather than a blank page or a spinner.
import { defaultEnv, threadPath } from "@openvibe/schema";
import { describe, it } from "vitest";
import { signIn, startScenario } from "./support/browser.ts";

describe("a link to a thread that does not exist", () => {
  it("says the thread does not exist", async () => {
    const scenario = await startScenario();
    const { channelId } = scenario.workspace;
    const member = await signIn(scenario, "member@example.com");
    const missing = threadPath({ channelId, threadId: defaultEnv.newId(), forkId: null });
    await member.page.goto(`${scenario.url}${missing}`);
    await member.page.getByText("This thread does not exist (or was never synced).").waitFor();
  }, 60_000);
});
