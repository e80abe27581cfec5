// The Content-Security-Policy every response carries: scripts, styles and
// everything else only from the server's own origin (no inline script, no
// eval), connections only to that origin and its WebSocket, no framing. The
// built client needs nothing more (React sets styles through the CSSOM, which
// style-src does not govern; the service worker and the manifest are same-origin).
import type { MiddlewareHandler } from "hono";

/** A Host header worth echoing into the policy: a name or an address, and a port. */
const SANE_HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** The WebSocket origins of the page's own origin (`'self'` covers them in CSP 3; older browsers need them named). */
function webSocketSources(publicUrl: string | null, host: string | undefined): string[] {
  if (publicUrl !== null) {
    const url = new URL(publicUrl);
    return [`${url.protocol === "https:" ? "wss:" : "ws:"}//${url.host}`];
  }
  if (host === undefined || !SANE_HOST.test(host)) return [];
  return [`ws://${host}`, `wss://${host}`];
}

export function contentSecurityPolicy(publicUrl: string | null): MiddlewareHandler {
  return async (c, next) => {
    await next();
    // A route that serves content of its own (an uploaded file) sets a stricter policy itself.
    if (c.res.headers.has("Content-Security-Policy")) return;
    const connect = ["'self'", ...webSocketSources(publicUrl, c.req.header("Host"))].join(" ");
    c.header(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        `connect-src ${connect}`,
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
  };
}
