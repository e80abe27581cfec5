// The client's URLs, parsed and built in one place (a thread's path is schema's threadPath,
// shared with message links and the agents' read_thread).
import { threadPath } from "@openvibe/schema";

export const ADMIN_SECTIONS = [
  "members",
  "channels",
  "agents",
  "usage",
  "settings",
  "audit",
] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

function adminSection(value: string | undefined): AdminSection {
  return ADMIN_SECTIONS.find((section) => section === value) ?? "members";
}

export type Route =
  | { screen: "setup" }
  | { screen: "login" }
  | { screen: "invite"; token: string }
  | { screen: "home" }
  | { screen: "channel"; channelId: string }
  | { screen: "thread"; channelId: string; threadId: string; forkId: string | null }
  | { screen: "channel-settings"; channelId: string }
  /** The direct message with one person, opened (or started) on the way. */
  | { screen: "direct-message"; userId: string }
  | { screen: "mentions" }
  | { screen: "search" }
  | { screen: "preferences" }
  | { screen: "admin"; section: AdminSection };

export function parseRoute(pathname: string): Route {
  const parts = pathname
    .split("/")
    .filter((part) => part !== "")
    .map(decodeURIComponent);
  const [first, second, third, fourth, fifth, sixth] = parts;
  if (first === "setup") return { screen: "setup" };
  if (first === "login") return { screen: "login" };
  if (first === "invite" && second !== undefined) return { screen: "invite", token: second };
  if (first === "mentions") return { screen: "mentions" };
  if (first === "search") return { screen: "search" };
  if (first === "preferences") return { screen: "preferences" };
  if (first === "admin") return { screen: "admin", section: adminSection(second) };
  if (first === "dm" && second !== undefined) return { screen: "direct-message", userId: second };
  if (first === "c" && second !== undefined && third === "settings") {
    return { screen: "channel-settings", channelId: second };
  }
  if (first !== "c" || second === undefined) return { screen: "home" };
  if (third !== "t" || fourth === undefined) return { screen: "channel", channelId: second };
  const forkId = fifth === "f" && sixth !== undefined ? sixth : null;
  return { screen: "thread", channelId: second, threadId: fourth, forkId };
}

export function routePath(route: Route): string {
  switch (route.screen) {
    case "setup":
    case "login":
      return `/${route.screen}`;
    case "invite":
      return `/invite/${encodeURIComponent(route.token)}`;
    case "home":
      return "/";
    case "mentions":
    case "search":
    case "preferences":
      return `/${route.screen}`;
    case "admin":
      return `/admin/${route.section}`;
    case "channel-settings":
      return `/c/${encodeURIComponent(route.channelId)}/settings`;
    case "direct-message":
      return `/dm/${encodeURIComponent(route.userId)}`;
    case "channel":
      return `/c/${encodeURIComponent(route.channelId)}`;
    case "thread":
      return threadPath(route);
  }
}
