// What every service needs: the database, the clock, and the channel that
// tells live connections about access changes.
import type { OpenVibeDatabase } from "./db/open-database.ts";
import { AccessChangeJournal } from "./permissions/access-change-journal.ts";
import { AccessChanges } from "./permissions/access-changes.ts";

export interface AppContext {
  db: OpenVibeDatabase;
  accessChanges: AccessChanges;
  now(): number;
  /** Called once the first-run setup committed (the server then provisions the bridge key). */
  onWorkspaceSetUp?: () => void;
}

export function createAppContext(db: OpenVibeDatabase, now: () => number = Date.now): AppContext {
  return { db, accessChanges: new AccessChanges(new AccessChangeJournal(db, now)), now };
}
