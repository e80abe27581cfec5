// "A new version is ready — reload": shown when a newly deployed app shell took over this tab's
// service worker while the tab was open (the old code keeps running until the person reloads).
// It never reloads by itself: whatever the person is typing stays put until they choose to.
import { type ReactNode, useEffect, useState } from "react";

function useNewVersionReady(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const workers = "serviceWorker" in navigator ? navigator.serviceWorker : null;
    // A first install (nothing controlled the page yet) is not a new version.
    if (workers === null || workers.controller === null) return;
    const onChange = () => setReady(true);
    workers.addEventListener("controllerchange", onChange);
    return () => workers.removeEventListener("controllerchange", onChange);
  }, []);
  return ready;
}

export function NewVersionNotice(): ReactNode {
  if (!useNewVersionReady()) return null;
  return (
    <p className="new-version" role="status">
      A new version is ready —{" "}
      <button type="button" onClick={() => window.location.reload()}>
        Reload
      </button>
    </p>
  );
}
