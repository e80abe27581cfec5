// Entry point: start the workspace store and the signed-in person's services, register the
// service worker (built app only), render.
// First, before any schema is built: no eval under the Content-Security-Policy.
import "@openvibe/schema/zod-without-eval";
// Second: the local copies on screen start opening before the rest of the bundle runs.
import "./start-early.ts";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { followSignedInPerson } from "./state/person-services.ts";
import { WorkspaceStore } from "./state/workspace-store.ts";
import { App } from "./ui/App.tsx";
import { ServicesContext } from "./ui/services.tsx";
import "./styles.css";
// After the base styles, which they adapt to narrow and touch screens.
import "./ui/layout/narrow.css";
import "./ui/layout/touch.css";

const store = new WorkspaceStore();
// Before the session is known: its services start as soon as it is shown.
const person = followSignedInPerson(store);
void store.start();

/** How often an open tab asks whether a new version was deployed (also on coming back online). */
const UPDATE_CHECK_MS = 30 * 60 * 1000;

if (import.meta.env.PROD && "serviceWorker" in navigator) {
  void navigator.serviceWorker.register("/sw.js").then((registration) => {
    const check = () => void registration.update().catch(() => {});
    setInterval(check, UPDATE_CHECK_MS);
    window.addEventListener("online", check);
  });
}

const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <ServicesContext.Provider value={{ store, person }}>
      <App />
    </ServicesContext.Provider>
  </StrictMode>,
);
