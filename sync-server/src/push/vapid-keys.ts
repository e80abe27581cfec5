// The server's VAPID key pair: generated once, at the first start, and kept in SQLite. The
// private key signs push requests and is never logged or returned.
import { eq } from "drizzle-orm";
import webPush from "web-push";
import type { AppContext } from "../context.ts";
import { vapidKeys } from "../db/schema.ts";

export interface VapidKeys {
  /** base64url, the browser's `applicationServerKey`. */
  publicKey: string;
  privateKey: string;
}

const ROW_ID = 1;

function storedKeys(ctx: AppContext): VapidKeys | undefined {
  return ctx.db
    .select({ publicKey: vapidKeys.publicKey, privateKey: vapidKeys.privateKey })
    .from(vapidKeys)
    .where(eq(vapidKeys.id, ROW_ID))
    .get();
}

/** The stored key pair, generated and stored first if there is none. */
export function ensureVapidKeys(ctx: AppContext): VapidKeys {
  const stored = storedKeys(ctx);
  if (stored !== undefined) return stored;
  const generated = webPush.generateVAPIDKeys();
  // Another process (ovb) may have stored a pair meanwhile: the first one stays.
  ctx.db
    .insert(vapidKeys)
    .values({ id: ROW_ID, ...generated, createdAt: ctx.now() })
    .onConflictDoNothing()
    .run();
  const kept = storedKeys(ctx);
  if (kept === undefined) throw new Error("the VAPID key pair could not be stored");
  return kept;
}

/** Used when the server has no https public URL to name itself by. */
export const FALLBACK_VAPID_SUBJECT = "mailto:push@openvibe.invalid";

/**
 * How push requests name who sends them (the JWT's `sub`): the public URL when it is https, as
 * push services ask for an https: URL or a mailto: address.
 */
export function vapidSubject(publicUrl: string | null): string {
  return publicUrl?.startsWith("https:") ? publicUrl : FALLBACK_VAPID_SUBJECT;
}
