// Personal preferences on this device: the theme (or the workspace's), mention
// notifications while a tab is open, and web push while none is (permission is
// asked when switching either on).
import { type ReactNode, useId, useState } from "react";
import { Observable, useObservable } from "../../state/observable.ts";
import { PERSONAL_THEMES, personalTheme, setPersonalTheme } from "../../state/theme.ts";
import { OfflineFiles } from "../files/OfflineFiles.tsx";
import { OfflineThreads } from "../offline/OfflineThreads.tsx";
import { BackgroundPushToggle } from "./BackgroundPushToggle.tsx";
import { useAttention } from "./context.ts";

const THEME_LABELS = {
  workspace: "Workspace default",
  system: "Follow the system",
  light: "Light",
  dark: "Dark",
} as const;

const OFF = new Observable(false);

function NotificationToggle(): ReactNode {
  const attention = useAttention();
  const [refusal, setRefusal] = useState<string | null>(null);
  const settings = attention?.notifications;
  const enabled = useObservable(settings?.enabled ?? OFF);
  if (settings === undefined) return null;
  const toggle = async (on: boolean) => {
    if (!on) return settings.disable();
    const outcome = await settings.enable();
    if (outcome === "denied") setRefusal("The browser refused: allow notifications for this site.");
    else if (outcome === "unsupported") setRefusal("This browser cannot show notifications.");
    else setRefusal(null);
  };
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(event) => void toggle(event.target.checked)}
        />{" "}
        Notify me of mentions while this tab is in the background
      </label>
      {refusal !== null && <p className="error">{refusal}</p>}
    </>
  );
}

export function PreferencesPage(): ReactNode {
  const theme = useObservable(personalTheme());
  const themeId = useId();
  return (
    <section className="preferences" aria-labelledby="preferences-title">
      <h1 id="preferences-title">Preferences</h1>
      <div className="field">
        <label htmlFor={themeId}>Theme on this device</label>
        <select
          id={themeId}
          value={theme}
          onChange={(event) => {
            const next = PERSONAL_THEMES.find((each) => each === event.target.value);
            if (next !== undefined) setPersonalTheme(next);
          }}
        >
          {PERSONAL_THEMES.map((each) => (
            <option key={each} value={each}>
              {THEME_LABELS[each]}
            </option>
          ))}
        </select>
      </div>
      <h2>Notifications</h2>
      <NotificationToggle />
      <BackgroundPushToggle />
      <OfflineFiles />
      <OfflineThreads />
    </section>
  );
}
