// Web push in Chromium, as far as this machine allows: the service worker shows a push as a
// notification, and a click on it opens the message. A real subscription needs the browser's push service, which is not reachable
// here, so the push is delivered through the DevTools protocol (ServiceWorker.deliverPushMessage,
// the same `push` event a push service's message raises); the server's side of web push is
// tested in sync-server/test/web-push.int.test.ts.
import { describe, expect, it } from "vitest";
import { withDeadline } from "../../sync-server/test/support/deadline.ts";
import { pollUntil } from "../../sync-server/test/support/wait-for.ts";
import { signInWithProfile, startScenario } from "./support/browser.ts";
import { untilControlledByServiceWorker } from "./support/service-worker.ts";

describe("push notifications in the browser", () => {
  it("offers the switch, shows a pushed message as a notification and opens it on a click", async () => {
    const scenario = await startScenario();
    const { context, page } = await signInWithProfile(scenario, "member@example.com");
    await context.grantPermissions(["notifications"], { origin: scenario.url });
    await untilControlledByServiceWorker(page);
    await page.goto(`${scenario.url}/preferences`);
    // Switching it on would subscribe through Chromium's push service, which this machine cannot
    // reach (PushManager.subscribe does not settle here): only its presence is checked.
    await page.getByLabel("Notify me when no tab is open").waitFor();

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
  });
});
