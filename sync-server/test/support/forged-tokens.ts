// Forgeries of a genuine signed token (a WebSocket or CSRF token, both
// "<base64url claims>.<HMAC>"): each is what an attacker holding one real
// token, or none, could try. None may be accepted.
import { randomBytes } from "node:crypto";
import { type SignedClaims, signClaims } from "../../src/accounts/tokens.ts";

const decode = (payload: string): SignedClaims =>
  JSON.parse(Buffer.from(payload, "base64url").toString());
const encode = (claims: unknown): string =>
  Buffer.from(JSON.stringify(claims)).toString("base64url");

/** Another base64url character in place of `c`, so the altered token stays well-formed. */
const flip = (c: string) => (c === "A" ? "B" : "A");

export interface Forgery {
  name: string;
  token: string;
}

/**
 * `genuine` altered every way that keeps it plausible; `otherSessionId` is a session the
 * attacker would like to act as (the signature of `genuine` kept over claims naming it).
 */
export function forgeriesOf(genuine: string, otherSessionId: string): Forgery[] {
  const [payload = "", signature = ""] = genuine.split(".");
  const claims = decode(payload);
  const farFuture = Date.now() + 365 * 24 * 60 * 60 * 1000;
  const forgeries: Forgery[] = [
    {
      name: "wrong signature",
      token: `${payload}.${flip(signature[0] ?? "")}${signature.slice(1)}`,
    },
    {
      name: "another session's id, signature kept",
      token: `${encode({ ...claims, sessionId: otherSessionId })}.${signature}`,
    },
    {
      name: "later expiry, signature kept",
      token: `${encode({ ...claims, expiresAt: farFuture })}.${signature}`,
    },
    {
      name: "expiry removed, signature kept",
      token: `${encode({ ...claims, expiresAt: undefined })}.${signature}`,
    },
    {
      name: "other purpose, signature kept",
      token: `${encode({ ...claims, purpose: claims.purpose === "ws" ? "csrf" : "ws" })}.${signature}`,
    },
    { name: "signature truncated", token: `${payload}.${signature.slice(0, -4)}` },
    { name: "signature dropped", token: `${payload}.` },
    { name: "claims only", token: payload },
    { name: "token truncated", token: genuine.slice(0, Math.floor(genuine.length / 2)) },
    { name: "extra segment", token: `${genuine}.${signature}` },
    {
      name: "signed with another secret",
      token: signClaims(randomBytes(32), { ...claims, expiresAt: farFuture }),
    },
    {
      name: "claims that are not JSON",
      token: `${Buffer.from("not json").toString("base64url")}.${signature}`,
    },
    { name: "empty", token: "" },
  ];
  // A change that changes nothing (removing an expiry a CSRF token never had) is no forgery.
  return forgeries.filter(({ token }) => token !== genuine);
}
