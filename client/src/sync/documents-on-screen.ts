// The documents a screen shows first, from its address: a thread's own document (its channel's,
// with the channel's index, is not needed before the thread shows), a channel's. The warm open
// opens them first (start-early.ts) and keeps their snapshots (screen-snapshots.ts).
import { buildDocumentName, type ParsedDocumentName } from "@openvibe/schema";
import { parseRoute } from "../ui/routes.ts";

export function documentsOnScreen(pathname: string): ParsedDocumentName[] {
  const route = parseRoute(pathname);
  if (route.screen === "thread") {
    const { channelId, threadId } = route;
    return [{ kind: "thread", channelId, threadId }];
  }
  if (route.screen === "channel") return [{ kind: "channel", channelId: route.channelId }];
  return [];
}

/** Whether the page's address shows `documentName` first now. */
export function isOnScreenNow(documentName: string): boolean {
  return documentsOnScreen(location.pathname).some(
    (document) => buildDocumentName(document) === documentName,
  );
}
