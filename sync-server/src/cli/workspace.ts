// Opens the data directory's database for one command and closes it after.
// SQLite in WAL mode lets this run next to a live server.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { UserRecord } from "../accounts/principal.ts";
import { type AppContext, createAppContext } from "../context.ts";
import { databasePath, openDatabase } from "../db/open-database.ts";
import { isSetUp } from "../workspace/workspace.ts";
import { actingAdmin } from "./acting-admin.ts";
import { CliError } from "./errors.ts";

/** For --help of commands that take access away. */
export const LIVE_CONNECTIONS_NOTE =
  "A server running on the same data directory reads the change from the database within " +
  "OPENVIBE_ACCESS_CHANGE_POLL_MS (500 ms by default) and closes the live connections it affects.";

const DATA_DIR_HINT = "pass --data-dir (or set OPENVIBE_DATA_DIR) to the server's data directory";

/** --data-dir, else $OPENVIBE_DATA_DIR, else ./data, as an absolute path. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return resolve(flag || env.OPENVIBE_DATA_DIR || "./data");
}

/**
 * Runs `action` on the database of `dataDir`. "new" may create the database;
 * "existing" refuses a directory without a set-up workspace rather than
 * creating an empty database in the wrong place.
 */
export async function withDatabase<T>(
  dataDir: string,
  mode: "new" | "existing",
  action: (ctx: AppContext) => Promise<T> | T,
): Promise<T> {
  if (mode === "existing" && !existsSync(databasePath(dataDir))) {
    throw new CliError(
      `no OpenVibe database in ${dataDir}: ${DATA_DIR_HINT}, or run "ovb setup" to start one`,
    );
  }
  const db = openDatabase(dataDir, { synchronous: "full" });
  try {
    const ctx = createAppContext(db);
    if (mode === "existing" && !isSetUp(ctx)) {
      throw new CliError(`the workspace in ${dataDir} is not set up yet: run "ovb setup" first`);
    }
    return await action(ctx);
  } finally {
    db.$client.close();
  }
}

export interface AdminSession {
  ctx: AppContext;
  /** The admin the command acts as. */
  admin: UserRecord;
}

/** Runs `action` as an admin of the workspace in the command's data directory. */
export function asAdmin<T>(
  values: { "data-dir": string | undefined; as: string | undefined },
  env: NodeJS.ProcessEnv,
  action: (session: AdminSession) => Promise<T> | T,
): Promise<T> {
  return withDatabase(resolveDataDir(values["data-dir"], env), "existing", (ctx) =>
    action({ ctx, admin: actingAdmin(ctx, values.as) }),
  );
}
