// The signed-in screens beyond channels and threads: mentions, preferences,
// channel settings, administration, and the way into a direct message. Each is
// its own chunk, loaded when first shown: a warm open of a thread evaluates
// none of them (the service worker precaches every chunk, so they open offline).
import { lazy, type ReactNode, Suspense } from "react";
import type { Route } from "./routes.ts";
import { useWorkspaceSettings } from "./use-workspace-settings.ts";

const AdminPage = lazy(() =>
  import("./admin/AdminPage.tsx").then((m) => ({ default: m.AdminPage })),
);
const MentionsView = lazy(() =>
  import("./attention/MentionsView.tsx").then((m) => ({ default: m.MentionsView })),
);
const PreferencesPage = lazy(() =>
  import("./attention/PreferencesPage.tsx").then((m) => ({ default: m.PreferencesPage })),
);
const SearchView = lazy(() =>
  import("./search/SearchView.tsx").then((m) => ({ default: m.SearchView })),
);
const ChannelSettingsPage = lazy(() =>
  import("./sidebar/ChannelSettingsPage.tsx").then((m) => ({ default: m.ChannelSettingsPage })),
);
const OpenDirectMessage = lazy(() =>
  import("./sidebar/OpenDirectMessage.tsx").then((m) => ({ default: m.OpenDirectMessage })),
);

/** The search view, while the workspace's settings leave search on. */
function SearchScreen(): ReactNode {
  const { features } = useWorkspaceSettings();
  if (!features.search) return <p className="empty">Search is turned off in this workspace.</p>;
  return <SearchView />;
}

function screenFor(route: Route): ReactNode {
  switch (route.screen) {
    case "admin":
      return <AdminPage section={route.section} />;
    case "mentions":
      return <MentionsView />;
    case "preferences":
      return <PreferencesPage />;
    case "search":
      return <SearchScreen />;
    case "channel-settings":
      return <ChannelSettingsPage channelId={route.channelId} />;
    case "direct-message":
      return <OpenDirectMessage key={route.userId} userId={route.userId} />;
    default:
      return null;
  }
}

/** The screen for `route`, or null when it is not one of these. */
export function extraScreen(route: Route): ReactNode {
  const screen = screenFor(route);
  if (screen === null) return null;
  return <Suspense fallback={<p className="empty">Loading…</p>}>{screen}</Suspense>;
}
