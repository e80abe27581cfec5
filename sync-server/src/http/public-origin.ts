// The origin people open, for links the server hands out (invite links). It is
// OPENVIBE_PUBLIC_URL when set. Otherwise the request's own origin, but only
// when its Host is the address the server listens on: behind a proxy, or for
// a forged Host header, a link built from the request would point elsewhere
// (someone else's site, collecting invite tokens), so the server refuses and
// says to set OPENVIBE_PUBLIC_URL.
import { networkInterfaces } from "node:os";
import type { Context } from "hono";
import { ApiError } from "../errors.ts";
import { normaliseAddress } from "./client-address.ts";

export interface ListeningAddress {
  /** HOST as configured (an address or a name; 0.0.0.0 or :: for every interface). */
  host: string;
  port: number;
}

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "::1"]);
const WILDCARDS = new Set(["0.0.0.0", "::", ""]);

function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || host.startsWith("127.");
}

/** Host names a request to this server may carry: the listening host, and for a wildcard every interface's address. */
function acceptedHostnames(listenHost: string): Set<string> {
  const host = normaliseAddress(listenHost.replace(/^\[|\]$/g, ""));
  const names = new Set<string>([host]);
  if (isLoopback(host) || WILDCARDS.has(host)) {
    for (const name of LOOPBACK_NAMES) names.add(name);
  }
  if (WILDCARDS.has(host)) {
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) names.add(normaliseAddress(address.address));
    }
  }
  return names;
}

/** "[::1]:8787" -> {hostname "::1", port 8787}; null when it is not a host and port. */
function parseHost(header: string): { hostname: string; port: number | null } | null {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  if (match === null) return null;
  const hostname = normaliseAddress((match[1] ?? "").replace(/^\[|\]$/g, ""));
  return { hostname, port: match[2] === undefined ? null : Number(match[2]) };
}

export function publicOrigin(
  c: Context,
  publicUrl: string | null | undefined,
  listening: (() => ListeningAddress | null) | undefined,
): string {
  if (publicUrl != null) return publicUrl;
  const url = new URL(c.req.url);
  const address = listening?.() ?? null;
  const host = parseHost(c.req.header("Host") ?? "");
  const port = host?.port ?? (url.protocol === "https:" ? 443 : 80);
  if (
    address === null ||
    host === null ||
    port !== address.port ||
    !acceptedHostnames(address.host).has(host.hostname)
  ) {
    throw new ApiError(
      "public_url_required",
      "this request's Host is not the address the server listens on, so no link can be built " +
        "from it: set OPENVIBE_PUBLIC_URL to the address people open (e.g. https://chat.example.com)",
    );
  }
  return url.origin;
}
