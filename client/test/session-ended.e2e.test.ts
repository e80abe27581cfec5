// A session ended while the page could not hear it (its socket down, the browser still online):
// when the socket comes back, the server refuses the page a token for its documents, and the page
// signs out instead of reconnecting for ever as if nothing had happened.
import { describe, it } from "vitest";
import { ApiClient } from "../../sync-server/test/support/api-client.ts";
import { signIn, startScenario, syncIndicator } from "./support/browser.ts";
import { CHANNEL, expectStatus, PASSWORD } from "./support/child-workspace.ts";
import { startTcpProxy } from "./support/tcp-proxy.ts";

const SIGN_OUT_MS = 20_000;

describe("a session ended while the page's socket was down", () => {
  it("signs the page out when it reconnects", async () => {
    const scenario = await startScenario();
    const proxy = await startTcpProxy(scenario.url);
    const member = await signIn({ ...scenario, url: proxy.url }, "member@example.com");
    await member.page.getByRole("navigation", { name: "Channels" }).getByText(CHANNEL).click();
    await syncIndicator(member.page).getByText("all synced").waitFor();

    proxy.cut();
    const elsewhere = new ApiClient(scenario.url);
    const login = { email: "member@example.com", password: PASSWORD };
    expectStatus(await elsewhere.post("/api/auth/login", login), 200, "signing in elsewhere");
    expectStatus(await elsewhere.post("/api/auth/logout-all"), 204, "signing out everywhere");
    proxy.restore();

    await member.page.getByRole("button", { name: "Sign in" }).waitFor({ timeout: SIGN_OUT_MS });
  });
});
