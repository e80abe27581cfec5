// Web push in Chromium, as far as this machine allows: the service worker shows a push as a
// notification, and a click on it opens the message. A real subscription needs the browser's push service, which is not reachable
// here, so the push is delivered through the DevTools protocol (ServiceWorker.deliverPushMessage,
// the same `push` event a push service's message raises); the server's side of web push is
// tested in sync-server/test/web-push.int.test.ts.
import { describe, expect, it } from "vitest";
import { withDeadline } from "../../sync-server/test/support/deadline.ts";
import { pollUntil } from "../../sync-server/test/support/wait-for.ts";
import { SUBSCRIBE_DEADLINE_MS } from "../src/ui/attention/background-push.ts";
import { signInWithProfile, startScenario, UI_TIMEOUT_MS } from "./support/browser.ts";
import { untilControlledByServiceWorker } from "./support/service-worker.ts";

describe("push notifications in the browser", () => {
  it("offers the switch, shows a pushed message as a notification and opens it on a click", async () => {
    const scenario = await startScenario();
    const { context, page } = await signInWithProfile(scenario, "member@example.com");
    await context.grantPermissions(["notifications"], { origin: scenario.url });
    await untilControlledByServiceWorker(page);
    await page.goto(`${scenario.url}/preferences`);
    // Switching it on subscribes through Chromium's push service, which this machine cannot
    // reach: PushManager.subscribe never settles, and the switch says so after its deadline.
    const toggle = page.getByLabel("Notify me when no tab is open");
    await toggle.click();
    await page
      .getByText("The browser's push service did not answer")
      .waitFor({ timeout: SUBSCRIBE_DEADLINE_MS + UI_TIMEOUT_MS });
    expect(await toggle.isChecked()).toBe(false);

    const cdp = await context.newCDPSession(page);
    const registrationId = withDeadline(
      new Promise<string>((resolve) => {
        cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
          const ours = registrations.find(
            (registration) =>
              registration.scopeURL.startsWith(scenario.url) && !registration.isDeleted,
          );
          if (ours !== undefined) resolve(ours.registrationId);
        });
      }),
      "the service worker's registration",
    );
    await cdp.send("ServiceWorker.enable");
    const sent = { title: "admin in #town-square", body: "@member lunch?", url: "/mentions?m=M1" };
    await cdp.send("ServiceWorker.deliverPushMessage", {
      origin: new URL(scenario.url).origin,
      registrationId: await registrationId,
      data: JSON.stringify(sent),
    });
    // The notification store emits no event a page can wait on: ask it until it answers.
    const shown = () =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        const notifications = await registration.getNotifications();
        return notifications.map(({ title, body, data }) => ({
          title,
          body,
          data: data as unknown,
        }));
      });
    await pollUntil("the notification", async () => (await shown()).length > 0);
    expect(await shown()).toEqual([
      { title: sent.title, body: sent.body, data: { url: sent.url } },
    ]);

    // A click on it: Chromium offers no way to click a notification, so the worker gets a
    // synthetic notificationclick (untrusted: it may navigate the open tab, not focus it).
    const [worker] = context.serviceWorkers();
    if (worker === undefined) throw new Error("no service worker");
    await worker.evaluate(async () => {
      // The worker's globals, which the page's DOM types do not declare.
      const scope = self as unknown as {
        registration: ServiceWorkerRegistration;
        NotificationEvent: new (type: string, init: { notification: Notification }) => Event;
        dispatchEvent(event: Event): boolean;
      };
      const [notification] = await scope.registration.getNotifications();
      if (notification === undefined) throw new Error("no notification");
      scope.dispatchEvent(new scope.NotificationEvent("notificationclick", { notification }));
    });
    await page.waitForURL(`${scenario.url}${sent.url}`);
    expect(await shown()).toEqual([]);
  }, 60_000);
});
