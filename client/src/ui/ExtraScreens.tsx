// The signed-in screens beyond channels and threads: mentions, preferences,
// channel settings, administration, and the way into a direct message.
import type { ReactNode } from "react";
import { AdminPage } from "./admin/AdminPage.tsx";
import { MentionsView } from "./attention/MentionsView.tsx";
import { PreferencesPage } from "./attention/PreferencesPage.tsx";
import type { Route } from "./routes.ts";
import { SearchView } from "./search/SearchView.tsx";
import { ChannelSettingsPage } from "./sidebar/ChannelSettingsPage.tsx";
import { OpenDirectMessage } from "./sidebar/OpenDirectMessage.tsx";
import { useWorkspaceSettings } from "./use-workspace-settings.ts";

/** The search view, while the workspace's settings leave search on. */
function SearchScreen(): ReactNode {
  const { features } = useWorkspaceSettings();
  if (!features.search) return <p className="empty">Search is turned off in this workspace.</p>;
  return <SearchView />;
}

/** The screen for `route`, or null when it is not one of these. */
export function extraScreen(route: Route): ReactNode {
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
