// "Notify me when no tab is open": web push for mentions and direct messages on this device.
import { type ReactNode, useEffect, useState } from "react";
import {
  backgroundPushEnabled,
  disableBackgroundPush,
  enableBackgroundPush,
} from "./background-push.ts";

const REFUSALS = {
  denied: "The browser refused: allow notifications for this site.",
  unsupported: "This browser cannot receive notifications while no tab is open.",
  "no-push-service": "The browser's push service did not answer: try again later.",
} as const;

export function BackgroundPushToggle(): ReactNode {
  const [enabled, setEnabled] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void backgroundPushEnabled().then((on) => {
      if (live) setEnabled(on);
    });
    return () => {
      live = false;
    };
  }, []);
  const toggle = async (on: boolean) => {
    setBusy(true);
    setProblem(null);
    try {
      if (on) {
        const outcome = await enableBackgroundPush();
        if (outcome === "enabled") setEnabled(true);
        else setProblem(REFUSALS[outcome]);
      } else {
        await disableBackgroundPush();
        setEnabled(false);
      }
    } catch (error) {
      setProblem(`Could not change it: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={enabled}
          disabled={busy}
          onChange={(event) => void toggle(event.target.checked)}
        />{" "}
        Notify me when no tab is open (mentions and direct messages)
      </label>
      {problem !== null && <p className="error">{problem}</p>}
    </>
  );
}
