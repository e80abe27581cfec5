// A link in a message shows the page's preview (title, description, and the image served by our
// server), its author removes it; "(edited)" opens the earlier version with who wrote it.
import { describe, expect, it } from "vitest";
import { htmlPage, startFakeSite } from "../../sync-server/test/support/fake-site.ts";
import { seriousViolations } from "./support/axe.ts";
import {
  message,
  send,
  signIn,
  startScenario,
  startThread,
  UI_TIMEOUT_MS,
} from "./support/browser.ts";

/** A 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

describe("link previews and edit history", () => {
  it("shows a link's preview, lets its author remove it, and opens earlier versions", async () => {
    const site = await startFakeSite({
      "/roadmap": htmlPage(
        `<meta property="og:title" content="Roadmap 2027">
         <meta property="og:description" content="What ships when">
         <meta property="og:image" content="/roadmap.png">`,
      ),
      "/roadmap.png": (_request, response) => {
        response.writeHead(200, { "content-type": "image/png" });
        response.end(PNG);
      },
    });
    const scenario = await startScenario({ OPENVIBE_LINK_PREVIEW_ALLOW: "127.0.0.1" });
    const { page } = await signIn(scenario, "member@example.com");
    await startThread(page, "town-square", "Planning", "Kick-off");
    await send(page, "Reply", `Read ${site.url("/roadmap")} first`);

    const preview = message(page, "first").getByRole("complementary", {
      name: "Link preview: Roadmap 2027",
    });
    await preview.getByText("What ships when").waitFor();
    const image = preview.locator("img");
    // The image arrives through our server's proxy after the preview's text: it gets the UI's
    // deadline, as every other wait in the browser tests does (expect.poll's default is 1 s).
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
        timeout: UI_TIMEOUT_MS,
      })
      .toBe(1);
    expect(await image.getAttribute("src")).toMatch(/^\/api\/link-previews\/image\?/);
    expect(await seriousViolations(page)).toEqual([]);

    await preview.getByRole("button", { name: "Remove preview" }).click();
    await preview.waitFor({ state: "detached" });

    await message(page, "first").getByRole("button", { name: "Edit" }).click();
    await send(page, "Edit message", "Read the roadmap before Monday");
    const edited = message(page, "before Monday").getByRole("button", { name: "(edited)" });
    await edited.click();
    const history = message(page, "before Monday").getByRole("region", {
      name: "Earlier versions",
    });
    await history.getByText(`Read ${site.url("/roadmap")} first`).waitFor();
    await history.getByText("member", { exact: false }).first().waitFor();
    expect(await edited.getAttribute("aria-expanded")).toBe("true");
    expect(await seriousViolations(page)).toEqual([]);
  });
});
