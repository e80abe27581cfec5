// The administration pages, for admins only: a section menu and the section.
// Others reaching an /admin URL are told it is not for them.
import type { ReactNode } from "react";
import { Link } from "../Link.tsx";
import { ADMIN_SECTIONS, type AdminSection } from "../routes.ts";
import { useSignedIn } from "../services.tsx";
import { AgentsPage } from "./AgentsPage.tsx";
import { AuditPage } from "./AuditPage.tsx";
import { ChannelsAdminPage } from "./ChannelsAdminPage.tsx";
import { MembersPage } from "./MembersPage.tsx";
import { SettingsPage } from "./SettingsPage.tsx";
import { UsagePage } from "./usage/UsagePage.tsx";

export const ADMIN_TITLES: Record<AdminSection, string> = {
  members: "Members & invites",
  channels: "Channels",
  agents: "Agents & API keys",
  usage: "Usage & costs",
  settings: "Workspace settings",
  audit: "Audit log",
};

const PAGES: Record<AdminSection, () => ReactNode> = {
  members: MembersPage,
  channels: ChannelsAdminPage,
  agents: AgentsPage,
  usage: UsagePage,
  settings: SettingsPage,
  audit: AuditPage,
};

export function AdminPage({ section }: { section: AdminSection }): ReactNode {
  const { me } = useSignedIn();
  if (me.role !== "admin") {
    return (
      <section className="admin" aria-labelledby="admin-title">
        <h1 id="admin-title">Administration</h1>
        <p className="empty">Only admins can manage the workspace.</p>
      </section>
    );
  }
  const Page = PAGES[section];
  return (
    <div className="admin">
      <nav aria-label="Administration">
        <ul className="plain-list">
          {ADMIN_SECTIONS.map((each) => (
            <li key={each}>
              <Link to={{ screen: "admin", section: each }} current={each === section}>
                {ADMIN_TITLES[each]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="admin-title">
        <h1 id="admin-title">{ADMIN_TITLES[section]}</h1>
        <Page />
      </section>
    </div>
  );
}
