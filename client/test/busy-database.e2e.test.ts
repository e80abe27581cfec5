// A write the server could not do because its database was busy (another writer held the lock
// longer than the server waits: a disk slow to sync, a backup, an operator's sqlite3 shell) is
// answered 503 with Retry-After; the page sends it again after that wait, so a person creating a
// channel meanwhile gets the channel, not an error.
import { describe, expect, it, onTestFinished } from "vitest";
import { connect, databasePath } from "../../sync-server/src/db/open-database.ts";
import { signIn, startScenario } from "./support/browser.ts";

/** A server, a browser, and the lock held across one refusal and the retry after it. */
const SCENARIO_TIMEOUT_MS = 60_000;

describe("a busy database", () => {
  it(
    "creates the channel once the lock is free, without showing an error",
    async () => {
      const scenario = await startScenario();
      const { page } = await signIn(scenario, "member@example.com");
      await page.getByRole("button", { name: "New channel" }).click();
      const form = page.getByRole("form", { name: "New channel" });
      await form.getByLabel("Name").fill("while-busy");

      // Another writer takes the database's write lock and keeps it.
      const other = connect(databasePath(scenario.workspace.dataDir), { synchronous: "normal" });
      onTestFinished(() => {
        other.close();
      });
      other.prepare("BEGIN EXCLUSIVE").run();
      const refused = page.waitForResponse(
        (response) => response.url().endsWith("/api/channels") && response.status() === 503,
      );
      const created = page.waitForResponse(
        (response) => response.url().endsWith("/api/channels") && response.status() === 201,
      );
      await form.getByRole("button", { name: "Create channel" }).click();
      const refusal = await refused;
      expect(await refusal.headerValue("retry-after")).toBe("1");
      other.prepare("COMMIT").run();

      await created;
      await page.getByRole("heading", { name: "while-busy" }).waitFor();
      expect(await page.getByRole("alert").count()).toBe(0);
    },
    SCENARIO_TIMEOUT_MS,
  );
});
