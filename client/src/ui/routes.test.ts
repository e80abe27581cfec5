import { describe, expect, it } from "vitest";
import { parseRoute, type Route, routePath } from "./routes.ts";

const ROUTES: Route[] = [
  { screen: "setup" },
  { screen: "login" },
  { screen: "invite", token: "tok/en?" },
  { screen: "home" },
  { screen: "channel", channelId: "abc" },
  { screen: "thread", channelId: "abc", threadId: "T1", forkId: null },
  { screen: "thread", channelId: "abc", threadId: "T1", forkId: "F1" },
  { screen: "channel-settings", channelId: "abc" },
  { screen: "direct-message", userId: "01J/x" },
  { screen: "mentions" },
  { screen: "preferences" },
  { screen: "admin", section: "members" },
  { screen: "admin", section: "audit" },
];

describe("routes", () => {
  it("parses back every path it builds", () => {
    for (const route of ROUTES) expect(parseRoute(routePath(route))).toEqual(route);
  });

  it("sends unknown paths home", () => {
    expect(parseRoute("/nowhere/at/all")).toEqual({ screen: "home" });
    expect(parseRoute("/c")).toEqual({ screen: "home" });
    expect(parseRoute("/admin/nope")).toEqual({ screen: "admin", section: "members" });
  });
});
