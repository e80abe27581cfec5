// The signed-in screens beyond channels and threads: mentions, preferences,
// channel settings and administration.
import type { ReactNode } from "react";
import { AdminPage } from "./admin/AdminPage.tsx";
import { MentionsView } from "./attention/MentionsView.tsx";
import { PreferencesPage } from "./attention/PreferencesPage.tsx";
import type { Route } from "./routes.ts";
import { SearchView } from "./search/SearchView.tsx";
import { ChannelSettingsPage } from "./sidebar/ChannelSettingsPage.tsx";

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
      return <SearchView />;
    case "channel-settings":
      return <ChannelSettingsPage channelId={route.channelId} />;
    default:
      return null;
  }
}
