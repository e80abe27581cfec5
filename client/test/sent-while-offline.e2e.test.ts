// "Sent while offline": a message that reaches the server long after it was written is marked
// on every device, the author's too, and on devices that open the thread later. A browser whose
// clock is ten minutes behind writes exactly what the server sees from someone who wrote ten
// minutes ago without a network and just reconnected.
import { describe, expect, it } from "vitest";
import { message, send, signIn, startScenario, startThread } from "./support/browser.ts";

const MARKER = "sent while offline";
const TEN_MINUTES_MS = 10 * 60_000;

describe("sent while offline", () => {
  it("marks late messages for everyone, and not the ones that arrived on time", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    const member = await signIn(scenario, "member@example.com");
    await member.context.clock.install({ time: Date.now() - TEN_MINUTES_MS });

    const threadUrl = await startThread(member.page, "town-square", "Trip", "Written on the train");
    await admin.page.goto(threadUrl);
    const late = message(admin.page, "Written on the train");
    await late.getByText(MARKER).waitFor();
    await message(member.page, "Written on the train").getByText(MARKER).waitFor();

    await send(admin.page, "Reply", "Welcome back");
    await message(member.page, "Welcome back").waitFor();
    expect(await message(member.page, "Welcome back").getByText(MARKER).count()).toBe(0);

    const later = await signIn(scenario, "admin@example.com");
    await later.page.goto(threadUrl);
    await message(later.page, "Written on the train").getByText(MARKER).waitFor();
  });
});
