// Files in conversations, in Chromium: attaching by the button, by pasting a screenshot and by
// dropping a file, images shown with their place reserved, file cards (a PDF's with its first
// page), the viewer, the offline cache's budget in Preferences; and attaching offline, through a
// reload, uploaded by itself once the connection is back.
import type { Page } from "playwright-core";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { message, signIn, startScenario, startThread, syncIndicator } from "./support/browser.ts";
import { saveScreenshot } from "./support/screenshots.ts";
import { untilControlledByServiceWorker } from "./support/service-worker.ts";

function photo(width: number, height: number, background: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();
}

/** A one-page PDF, written by hand: a blue band across the lower half of a 300 x 400 page. */
function onePagePdf(): string {
  const drawing = "0 0 1 rg 0 0 300 200 re f";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 400] /Contents 4 0 R >>",
    `<< /Length ${drawing.length} >>\nstream\n${drawing}\nendstream`,
  ];
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((body, index) => {
    const offset = pdf.length;
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, "0")} 00000 n \n`;
  return `${pdf}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
}

/** Waits until every attached file is prepared (hashed and in the outbox). */
function untilPrepared(page: Page) {
  return page.waitForFunction(
    () =>
      !document.querySelector('[aria-label="Attached files"]')?.textContent?.includes("preparing"),
  );
}

async function attach(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]) {
  await page.locator("form.composer input[type=file]").first().setInputFiles(files);
  for (const file of files) {
    await page.getByRole("list", { name: "Attached files" }).getByText(file.name).waitFor();
  }
  await untilPrepared(page);
}

async function sendReply(page: Page, caption: string): Promise<void> {
  const composer = page.getByLabel("Reply", { exact: true });
  await composer.fill(caption);
  await composer.press("Enter");
}

describe("files in conversations", () => {
  it("attaches by button, paste and drop, shows images in reserved boxes, PDF pages, the viewer and the offline budget", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    const member = await signIn(scenario, "member@example.com");
    const threadUrl = await startThread(admin.page, "town-square", "Holiday", "Pictures please");
    await member.page.goto(threadUrl);

    const beachPng = await photo(800, 600, "#2a8");
    await attach(member.page, [
      { name: "beach.png", mimeType: "image/png", buffer: beachPng },
      { name: "hills.png", mimeType: "image/png", buffer: await photo(600, 900, "#a82") },
      { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("Bring sunscreen\n") },
    ]);
    await sendReply(member.page, "From the trip");

    const posted = message(admin.page, "From the trip");
    const beach = posted.getByRole("button", { name: "Open image beach.png" });
    await beach.waitFor();
    // The box has its final size from the record, loaded or not: 320 wide at 4:3.
    const box = await beach.boundingBox();
    expect(Math.round(box?.width ?? 0)).toBe(320);
    expect(Math.round(box?.height ?? 0)).toBe(240);
    await beach.locator("img").waitFor();
    await admin.page.waitForFunction(
      () =>
        (document.querySelector('img[alt="beach.png"]') as HTMLImageElement | null)
          ?.naturalWidth === 480,
    );
    await posted.getByText("notes.txt").waitFor();
    await posted.getByRole("button", { name: "Download notes.txt" }).waitFor();
    await posted.getByLabel("First lines of notes.txt").getByText("Bring sunscreen").waitFor();
    await saveScreenshot(admin.page, "files-in-thread");

    await beach.click();
    const viewer = admin.page.getByRole("dialog", { name: /beach\.png/ });
    await viewer.getByRole("img", { name: "beach.png" }).waitFor();
    await viewer.getByRole("button", { name: "Zoom in" }).click();
    await viewer.getByText("150%").waitFor();
    await viewer.getByRole("button", { name: "Next" }).click();
    await admin.page.getByRole("dialog", { name: /hills\.png/ }).waitFor();
    await admin.page.keyboard.press("Escape");
    await admin.page.getByRole("dialog").waitFor({ state: "detached" });

    // A screenshot pasted into the composer (as the clipboard hands it over: a PNG without a name).
    await member.page.getByLabel("Reply", { exact: true }).focus();
    await member.page.evaluate(async () => {
      const canvas = new OffscreenCanvas(200, 100);
      const context = canvas.getContext("2d");
      if (context === null) throw new Error("no 2d context");
      context.fillStyle = "#36c";
      context.fillRect(0, 0, 200, 100);
      const blob = await canvas.convertToBlob({ type: "image/png" });
      const data = new DataTransfer();
      data.items.add(new File([blob], "image.png", { type: "image/png" }));
      const target = document.querySelector('textarea[aria-label="Reply"]');
      target?.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
      );
    });
    await member.page
      .getByRole("list", { name: "Attached files" })
      .getByText("image.png")
      .waitFor();
    await untilPrepared(member.page);
    await sendReply(member.page, "Screenshot");
    const pasted = message(admin.page, "Screenshot").getByRole("button", {
      name: "Open image image.png",
    });
    await pasted.locator("img").waitFor();
    expect(Math.round((await pasted.boundingBox())?.height ?? 0)).toBe(100);

    // A PDF dropped on the composer (a drop event carrying the file, as a drag from the desktop
    // ends): attached, posted, and shown as a card with its first page.
    await member.page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], "plan.pdf", { type: "application/pdf" }));
      document
        .querySelector("form.composer")
        ?.dispatchEvent(
          new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }),
        );
    }, onePagePdf());
    await member.page.getByRole("list", { name: "Attached files" }).getByText("plan.pdf").waitFor();
    await untilPrepared(member.page);
    await sendReply(member.page, "The plan");
    const plan = message(admin.page, "The plan");
    await plan.getByRole("button", { name: "Download plan.pdf" }).waitFor();
    await admin.page.waitForFunction(
      () =>
        (document.querySelector('img[alt="First page of plan.pdf"]') as HTMLImageElement | null)
          ?.naturalHeight === 480,
    );

    // What the admin has seen is kept offline; Preferences shows how much, within what budget,
    // and clears it.
    await admin.page.goto(`${scenario.url}/preferences`);
    const usage = admin.page
      .getByRole("status")
      .filter({ hasText: "Files and images you have seen" });
    await usage.getByText(/\((?:[4-9]|\d\d+) kept\) of 200 MB/).waitFor();
    await admin.page.getByRole("button", { name: "Clear files kept offline" }).click();
    await usage.getByText(/use 0 B \(0 kept\)/).waitFor();
    // Past the budget the least recently used go first: with room for the beach photo alone (set
    // directly: the smallest choice offered is 50 MB), opening it last leaves only it kept.
    await admin.page.evaluate(
      (bytes) => localStorage.setItem("openvibe.fileCacheBudget", String(bytes)),
      beachPng.length,
    );
    await admin.page.goto(threadUrl);
    for (const name of ["beach.png", "hills.png", "image.png", "First page of plan.pdf"]) {
      await admin.page.locator(`img[alt="${name}"]`).first().waitFor();
    }
    await message(admin.page, "From the trip")
      .getByRole("button", { name: "Open image beach.png" })
      .click();
    await admin.page.getByRole("dialog").getByRole("img", { name: "beach.png" }).waitFor();
    await admin.page.goto(`${scenario.url}/preferences`);
    await usage.getByText(/\(1 kept\)/).waitFor();
  });

  it("attaches offline, keeps the file through a reload, and uploads it once back online", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    const member = await signIn(scenario, "member@example.com");
    const threadUrl = await startThread(admin.page, "town-square", "Plans", "Send the map");
    await member.page.goto(threadUrl);
    await message(member.page, "Send the map").waitFor();
    await untilControlledByServiceWorker(member.page);
    await syncIndicator(member.page).getByText("all synced").waitFor();

    await member.context.setOffline(true);
    await syncIndicator(member.page).getByText("Offline").waitFor();
    await attach(member.page, [
      { name: "map.png", mimeType: "image/png", buffer: await photo(640, 480, "#58c") },
      { name: "draft.txt", mimeType: "text/plain", buffer: Buffer.from("not this one\n") },
    ]);
    await sendReply(member.page, "Here is the map");
    const mine = message(member.page, "Here is the map");
    await mine.getByText("waiting to upload").first().waitFor();
    // Cancelling takes the file off the message; it never uploads.
    await mine
      .locator(".attachment-card", { hasText: "draft.txt" })
      .getByRole("button", { name: "Cancel upload" })
      .click();
    await mine.getByText("draft.txt").waitFor({ state: "detached" });
    await saveScreenshot(member.page, "files-waiting-to-upload");

    await member.page.reload();
    await message(member.page, "Here is the map").getByText("waiting to upload").waitFor();
    // Shown from the outbox, offline: the image itself, not a placeholder.
    await message(member.page, "Here is the map").locator('img[alt="map.png"]').waitFor();

    await member.context.setOffline(false);
    await message(member.page, "Here is the map")
      .getByText("waiting to upload")
      .waitFor({ state: "detached" });
    const seen = message(admin.page, "Here is the map");
    await seen.getByRole("button", { name: "Open image map.png" }).locator("img").waitFor();
    expect(await seen.getByText("draft.txt").count()).toBe(0);
  });
});
