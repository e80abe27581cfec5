// Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core, one
// browser per test (a fresh profile), closed when the test finishes; and the
// steps every test takes: a server (its own process) serving the built
// client, signing in.
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";
import { onTestFinished } from "vitest";
import { temporaryDataDir } from "../../../sync-server/test/support/test-server.ts";
import { type ChildWorkspace, PASSWORD, startChildWorkspace } from "./child-workspace.ts";
import { CHROMIUM_ARGS } from "./chromium.ts";

/** Deadline for any one thing to appear on screen. */
export const UI_TIMEOUT_MS = 10_000;

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  onTestFinished(() => browser.close());
  return browser;
}

export interface Scenario {
  url: string;
  workspace: ChildWorkspace;
  browser: Browser;
}

export async function startScenario(env: Record<string, string> = {}): Promise<Scenario> {
  const workspace = await startChildWorkspace(env);
  return { url: workspace.url, workspace, browser: await launchBrowser() };
}

export interface Person {
  context: BrowserContext;
  page: Page;
}

/**
 * A new browser context (another person's browser, a phone with `PHONE` from phone.ts)
 * signed in as `email`.
 */
export async function signIn(
  scenario: Scenario,
  email: string,
  options: BrowserContextOptions = {},
): Promise<Person> {
  const context = await scenario.browser.newContext(options);
  return { context, page: await signInOn(await context.newPage(), scenario, email) };
}

/**
 * A browser with a profile on disk (not an incognito-like context), signed in as `email`: what
 * installing the app needs.
 */
export async function signInWithProfile(scenario: Scenario, email: string): Promise<Person> {
  const context = await chromium.launchPersistentContext(temporaryDataDir(), {
    executablePath: "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  onTestFinished(() => context.close());
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page: await signInOn(page, scenario, email) };
}

/** Signs in as `email` on a page of a context of one's own making. */
export async function signInOn(page: Page, scenario: Scenario, email: string): Promise<Page> {
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  await page.goto(scenario.url);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The top bar: on a phone the channels are in a drawer, closed at first.
  await page.getByRole("banner").waitFor();
  return page;
}

/** Starts a thread in a channel and returns its URL. */
export async function startThread(
  page: Page,
  channelName: string,
  title: string,
  body: string,
): Promise<string> {
  await page.getByRole("navigation", { name: "Channels" }).getByText(channelName).click();
  await page.getByLabel("Thread title").fill(title);
  await page.getByLabel("First message").fill(body);
  await page.getByRole("button", { name: "Start thread" }).click();
  await page.getByRole("heading", { name: title }).waitFor();
  return page.url();
}

/** Sends a message with the composer labelled `label`, as a person would: typing, then Enter. */
export async function send(page: Page, label: string, text: string): Promise<void> {
  const composer = page.getByLabel(label, { exact: true });
  await composer.fill(text);
  await composer.press("Enter");
}

/** The message (list item) containing `text`. */
export function message(page: Page, text: string) {
  return page.locator("article.message", { hasText: text }).last();
}

/** Types into the app's search box as a person would, key by key. */
export async function search(page: Page, text: string): Promise<void> {
  const box = page.getByRole("searchbox", { name: "Search messages" });
  await box.fill("");
  await box.pressSequentially(text);
}

/** The search view's results. */
export function results(page: Page) {
  return page.locator(".search-view .search-result");
}

/** The top bar's connection and sync status ("Online · all synced", "Offline · 2 unsynced"). */
export function syncIndicator(page: Page) {
  return page.getByRole("status").filter({ hasText: "synced" });
}

/** The notice of a channel copy the server refused (kept messages, Copy, download, Dismiss). */
export function refusedCopyNotice(page: Page) {
  return page.getByRole("region", { name: "Messages not sent" });
}

/** The thread's message list. */
export function messageList(page: Page) {
  return page.getByRole("list", { name: "Messages", exact: true });
}
