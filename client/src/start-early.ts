// The page's first work, imported by main.tsx before everything but the zod setting, so that it
// runs before the rest of the bundle is evaluated: the local copies of the documents the address
// names start opening now (sync/early-copies.ts), for the person whose session is cached here.
import type { ParsedDocumentName } from "@openvibe/schema";
import { cachedSession } from "./state/cached-session.ts";
import { openEarlyCopies } from "./sync/early-copies.ts";
import { parseRoute, type Route } from "./ui/routes.ts";

/**
 * The document a screen shows first: a thread's own (its channel's document, with the channel's
 * index, is not needed before the thread shows), a channel's.
 */
function documentsOnScreen(route: Route): ParsedDocumentName[] {
  if (route.screen === "thread") {
    const { channelId, threadId } = route;
    return [{ kind: "thread", channelId, threadId }];
  }
  if (route.screen === "channel") return [{ kind: "channel", channelId: route.channelId }];
  return [];
}

const session = cachedSession();
if (session !== null) {
  openEarlyCopies(session.user.id, documentsOnScreen(parseRoute(location.pathname)));
}
