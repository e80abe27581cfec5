// The server side of the client benchmark: the production client bundle, the real server as a
// child process (a page controlled by a service worker stalls a server sharing our event
// loop), and a signed-in admin session spoken over HTTP as a browser would.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { waitForLogEntry } from "./lib/child-log.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const SERVER_MAIN = join(ROOT, "sync-server/src/main.ts");
export const ADMIN_EMAIL = "admin@example.com";
export const PASSWORD = "correct horse battery staple";

export interface ServerProcess {
  port: number;
  url: string;
  websocketUrl: string;
  /** SIGTERM, then resolves once the server has closed its database and exited. */
  stop(): Promise<void>;
}

/**
 * Starts `node sync-server/src/main.ts` over `dataDir`, serving `clientDir`, on `port` (0: a
 * free one; a restart passes the previous port so URLs and cookies stay valid). With
 * `cpuProfileDir`, Node writes the server's CPU profile there when it exits.
 */
export async function startServerProcess(
  dataDir: string,
  clientDir: string,
  port: number,
  cpuProfileDir: string | null = null,
): Promise<ServerProcess> {
  const profiling = cpuProfileDir === null ? [] : ["--cpu-prof", "--cpu-prof-dir", cpuProfileDir];
  const child = spawn(process.execPath, [...profiling, SERVER_MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      OPENVIBE_DATA_DIR: dataDir,
      OPENVIBE_CLIENT_DIR: clientDir,
      OPENVIBE_BRIDGE_KEY_FILE: "off",
      OPENVIBE_LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // Both waits listen from the start: the catch-up may end before the port is read.
  const caughtUp = threadIndexCaughtUp(child, () => stderr);
  caughtUp.catch(() => undefined);
  const listening = await listeningPort(child, () => stderr);
  // The start-up scan of stored thread documents (threads/thread-index-projection.ts) takes the
  // event loop from what is measured: 40,000 thread documents took seconds.
  await caughtUp;
  const url = `http://127.0.0.1:${listening}`;
  return {
    port: listening,
    url,
    websocketUrl: url.replace(/^http/, "ws"),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}

function threadIndexCaughtUp(child: ChildProcess, stderr: () => string): Promise<true> {
  return waitForLogEntry(
    child,
    { name: "the server", event: "catch up with its thread index" },
    stderr,
    (entry) => (entry.msg === "thread index caught up" ? true : undefined),
  );
}

function listeningPort(child: ChildProcess, stderr: () => string): Promise<number> {
  return waitForLogEntry(child, { name: "the server", event: "listen" }, stderr, (entry) =>
    entry.msg === "server listening" && typeof entry.port === "number" ? entry.port : undefined,
  );
}

/** A browser-like HTTP session: keeps the session cookie and sends the CSRF token on writes. */
export class HttpSession {
  readonly baseUrl: string;
  /** The session cookie's value, once signed in. */
  sessionCookie: { name: string; value: string } | null = null;
  /** The signed-in user's id, once setUpWorkspace signed the admin in. */
  userId: string | null = null;
  private csrfToken: string | null = null;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  /** POSTs JSON and returns the JSON answer; any status but `expected` is an error. */
  post<T>(path: string, body: unknown, expected: number): Promise<T> {
    return this.send<T>("POST", path, body, expected);
  }

  /** Sends JSON with `method` and returns the JSON answer; any status but `expected` is an error. */
  async send<T>(method: string, path: string, body: unknown, expected: number): Promise<T> {
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (this.sessionCookie !== null) {
      headers.Cookie = `${this.sessionCookie.name}=${this.sessionCookie.value}`;
    }
    if (this.csrfToken !== null) headers["X-CSRF-Token"] = this.csrfToken;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== expected) {
      throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    }
    const [pair] = (response.headers.get("set-cookie") ?? "").split(";");
    const separator = pair?.indexOf("=") ?? -1;
    if (pair !== undefined && separator > 0) {
      this.sessionCookie = { name: pair.slice(0, separator), value: pair.slice(separator + 1) };
    }
    const parsed = JSON.parse(text) as T & { csrfToken?: unknown };
    if (typeof parsed.csrfToken === "string") this.csrfToken = parsed.csrfToken;
    return parsed;
  }

  /** A fresh WebSocket token (valid 5 minutes) for a provider. */
  async websocketToken(): Promise<string> {
    return (await this.post<{ token: string }>("/api/auth/ws-token", {}, 200)).token;
  }
}

/** First-run setup: the workspace and its admin, signed in. */
export async function setUpWorkspace(baseUrl: string): Promise<HttpSession> {
  const admin = new HttpSession(baseUrl);
  const { user } = await admin.post<{ user: { id: string } }>(
    "/api/setup",
    { workspaceName: "Bench", email: ADMIN_EMAIL, displayName: "admin", password: PASSWORD },
    201,
  );
  admin.userId = user.id;
  return admin;
}

/** Creates a public channel (the admin joins it) and returns its id. */
export async function createChannel(admin: HttpSession, name: string): Promise<string> {
  const channel = await admin.post<{ id: string }>(
    "/api/channels",
    { name, topic: "", visibility: "public" },
    201,
  );
  return channel.id;
}

/** Makes `channelId` the workspace's one default channel: where the app's root lands. */
export async function makeDefaultChannel(admin: HttpSession, channelId: string): Promise<void> {
  await admin.send("PATCH", "/api/workspace", { defaultChannelIds: [channelId] }, 200);
}
