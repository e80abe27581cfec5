// Secrets handed to clients (session cookies, invite links, API keys) are
// random and stored only as SHA-256; short-lived WebSocket tokens and CSRF
// tokens are HMAC-signed with the workspace secret.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export function randomToken(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("base64url");
}

function sign(secret: Buffer, payload: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface SignedClaims {
  /** What the token is for, so a CSRF token is never accepted as a socket token. */
  purpose: "ws" | "csrf";
  sessionId: string;
  /** Milliseconds since the epoch; absent: valid as long as the session. */
  expiresAt?: number;
}

export function signClaims(secret: Buffer, claims: SignedClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${payload}.${sign(secret, payload)}`;
}

/** The claims of a token this server signed for `purpose`, or null if forged, altered or expired. */
export function verifyClaims(
  secret: Buffer,
  token: string,
  purpose: SignedClaims["purpose"],
  now: number,
): SignedClaims | null {
  const [payload, signature, extra] = token.split(".");
  if (payload === undefined || signature === undefined || extra !== undefined) return null;
  if (!safeEqual(signature, sign(secret, payload))) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as SignedClaims;
    if (claims.purpose !== purpose || typeof claims.sessionId !== "string") return null;
    if (claims.expiresAt !== undefined && claims.expiresAt <= now) return null;
    return claims;
  } catch {
    return null;
  }
}
