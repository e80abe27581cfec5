// Whether a person has a tab open: any authenticated document connection of theirs, on any
// channel, right now (every open tab of the client holds at least one).
import type { Hocuspocus } from "@hocuspocus/server";
import { authenticatedContext } from "./connection-context.ts";

export function hasOpenConnection(hocuspocus: Hocuspocus, userId: string): boolean {
  for (const document of hocuspocus.documents.values()) {
    for (const connection of document.getConnections()) {
      if (authenticatedContext(connection.context)?.principal.user.id === userId) return true;
    }
  }
  return false;
}
