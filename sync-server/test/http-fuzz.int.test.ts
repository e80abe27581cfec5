// Hostile HTTP, driven from the route catalogue: every route, as every kind of
// caller, gets malformed JSON, wrong types in every field it reads, oversized
// bodies, hostile path ids and query values (SQL and FTS5 metacharacters,
// traversal, NUL, very long), and the server answers with a JSON 4xx (or a
// plain success where the input is merely odd), never a 500 or a stack trace.
// Raw sockets send what fetch will not: static-file traversal, broken request
// lines and headers, header values aimed at the response's headers.
// Seeded (OPENVIBE_FUZZ_SEED); OPENVIBE_LONG=1 runs ten times the random cases.
import { connect } from "node:net";
import { describe, expect, inject, it } from "vitest";
import type { z } from "zod";
import { createBridgeKey } from "../src/agents/bridge-keys.ts";
import { API_ROUTES, type ApiRoute } from "../src/http/api-catalog.ts";
import { prng } from "../src/seeded-random.ts";
import { ApiClient } from "./support/api-client.ts";
import { withDeadline } from "./support/deadline.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

const LONG = process.env.OPENVIBE_LONG === "1";
const RANDOM_BODIES_PER_ROUTE = LONG ? 400 : 40;
const SEED = Number(process.env.OPENVIBE_FUZZ_SEED ?? 20261204);

/** Values that are wrong or hostile for some field of some schema. */
const HOSTILE_VALUES: unknown[] = [
  null,
  0,
  -1,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  0.5,
  true,
  "",
  " ",
  "x".repeat(100_000),
  [],
  [1, "a", null],
  {},
  { $gt: "" },
  { __proto__: { admin: true } },
  "' OR 1=1 --",
  "'; DROP TABLE users; --",
  '" OR "" = "',
  "%' AND 1=1 AND '%'='",
  '"unterminated',
  "NEAR(a b, 2)",
  "a* OR b* NOT c",
  "^start col:value {x y}",
  "(((((",
  ")))",
  "*",
  "../../../../etc/passwd",
  "..\\..\\..\\windows\\win.ini",
  "\u0000",
  "a\u0000b",
  "\u202eevil",
  "🙂".repeat(500),
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "\r\nSet-Cookie: evil=1",
  "01ARZ3NDEKTSV4RRFFQ69G5FAV",
  "2024-02-30",
  "-0",
  "1e5",
  "NaN",
];

const MALFORMED_BODIES = [
  "{",
  "[",
  "nul",
  '{"a":}',
  "\uFEFF{}",
  "{} {}",
  '{"a":1,}',
  "'single'",
  "\u0000",
  "[".repeat(100_000),
];

/** Valid JSON of the wrong shape: refused where a body is read, ignored where none is. */
const ODD_BODIES = [
  `${"[".repeat(5000)}${"]".repeat(5000)}`,
  '{"a":1e999999}',
  '{"__proto__": {"admin": true}}',
  '"just a string"',
  "12",
  "null",
];

const HOSTILE_IDS = [
  "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e",
  "%00",
  "' OR 1=1 --",
  "x".repeat(5000),
  "01ARZ3NDEKTSV4RRFFQ69G5FAV",
  "%F0%9F%99%82",
  "%ZZ",
  "a%0d%0aSet-Cookie:%20evil=1",
];

/** The field names a schema reads (an object's keys), for wrong-type bodies and queries. */
function fieldsOf(schema: z.ZodType | undefined): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape === undefined ? ["a"] : Object.keys(shape);
}

interface Answer {
  status: number;
  text: string;
  headers: Headers;
}

/** What every answer must be: no 5xx, no stack trace, JSON errors. */
function check(what: string, answer: Answer, mustRefuse: boolean): string | null {
  if (answer.status >= 500) return `${what}: ${answer.status} ${answer.text.slice(0, 300)}`;
  if (/\n\s+at |node_modules|\.ts:\d+/.test(answer.text))
    return `${what}: a stack trace: ${answer.text.slice(0, 300)}`;
  if (mustRefuse && (answer.status < 400 || answer.status >= 500))
    return `${what}: answered ${answer.status} to input it must refuse`;
  if (answer.status >= 400) {
    try {
      const body = JSON.parse(answer.text) as { error?: { code?: unknown } };
      if (typeof body.error?.code !== "string") return `${what}: an error without a code`;
    } catch {
      return `${what}: a ${answer.status} that is not JSON: ${answer.text.slice(0, 200)}`;
    }
  }
  return null;
}

/** One raw HTTP/1.1 exchange on a TCP socket; resolves with what the server sent back. */
function rawExchange(port: number, request: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
    });
    socket.on("end", () => resolve(received));
    socket.on("close", () => resolve(received));
    socket.on("error", (error) => (received === "" ? reject(error) : resolve(received)));
    socket.write(request);
    socket.setTimeout(10_000, () => socket.destroy());
  });
}

describe("HTTP under hostile input", () => {
  it("answers every route's hostile input with a JSON 4xx, never a 500 or a stack trace", async () => {
    const test = await startTestServer({
      OPENVIBE_CLIENT_DIR: (inject as (key: string) => string)("clientDir"),
    });
    const server = test.current;
    const seed = await seedWorkspace(server);
    const bridgeKey = createBridgeKey(server.ctx, seed.admin.user, "fuzz bridge").key;
    const callers: Record<string, ApiClient> = {
      admin: seed.admin.client,
      agent: seed.agent.client,
      bridge: new ApiClient(server.url, { apiKey: bridgeKey }),
      anonymous: seed.anonymous,
    };
    const realIds = (route: ApiRoute): Record<string, string> => ({
      id: route.path.startsWith("/channels/")
        ? seed.general.id
        : route.path.startsWith("/users/")
          ? seed.outsider.user.id
          : "01ARZ3NDEKTSV4RRFFQ69G5FAV",
      userId: seed.outsider.user.id,
    });
    const pathWith = (route: ApiRoute, ids: Record<string, string>) =>
      `/api${route.path.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? "x")}`;
    // Sign-outs last, so the admin's session serves every other route first.
    const routes = [...API_ROUTES].sort(
      (a, b) =>
        Number(a.path.startsWith("/auth/logout")) - Number(b.path.startsWith("/auth/logout")),
    );

    const rng = prng(SEED);
    const problems: string[] = [];
    let requests = 0;
    const send = async (
      what: string,
      caller: ApiClient,
      method: string,
      path: string,
      body: string | undefined,
      mustRefuse: boolean,
      headers: Record<string, string> = { "Content-Type": "application/json" },
    ) => {
      requests += 1;
      // The claim is a long poll: never let a fuzzed body hold it open.
      if (path.endsWith("/bridge/claim") && body !== undefined) {
        try {
          const parsed: unknown = JSON.parse(body);
          if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) {
            body = JSON.stringify({ waitMs: 0, ...parsed });
          }
        } catch {
          // Malformed on purpose.
        }
      }
      let answer: Answer;
      try {
        answer = await withDeadline(
          caller.raw(method, path, body, headers),
          `an answer to ${what} (${method} ${path.slice(0, 80)})`,
        );
      } catch (error) {
        // A body past the limit is refused before it is read, and the connection closed under
        // the rest of it: fetch reports that rather than the 413.
        if (what.includes("oversized")) return;
        throw error;
      }
      const problem = check(`${what} (${method} ${path.slice(0, 80)})`, answer, mustRefuse);
      if (problem !== null) problems.push(problem);
    };

    for (const route of routes) {
      for (const [who, caller] of Object.entries(callers)) {
        const path = pathWith(route, realIds(route));
        const fields = fieldsOf(route.body);
        if (route.method !== "GET") {
          for (const body of MALFORMED_BODIES) {
            await send(
              `${who}: malformed JSON ${JSON.stringify(body.slice(0, 12))}`,
              caller,
              route.method,
              path,
              body,
              true,
            );
          }
          for (const body of ODD_BODIES) {
            await send(
              `${who}: odd JSON`,
              caller,
              route.method,
              path,
              body,
              route.body !== undefined,
            );
          }
          await send(
            `${who}: oversized body`,
            caller,
            route.method,
            path,
            JSON.stringify({ [fields[0] ?? "a"]: "x".repeat(2 * 1024 * 1024) }),
            true,
          );
          await send(`${who}: a form body`, caller, route.method, path, "a=b", true, {
            "Content-Type": "application/x-www-form-urlencoded",
          });
          // Field by field, as the caller who gets furthest into the route (past access checks).
          const deepest = route.access === "bridge" ? "bridge" : "admin";
          for (const field of who === deepest ? fields : []) {
            for (const value of HOSTILE_VALUES) {
              // Most of these are wrong for any field; a few may fit one (a name): allowed.
              await send(
                `${who}: ${field} = ${JSON.stringify(value)?.slice(0, 40)}`,
                caller,
                route.method,
                path,
                JSON.stringify({ [field]: value }),
                false,
              );
            }
          }
          for (let i = 0; i < (who === deepest ? RANDOM_BODIES_PER_ROUTE : 0); i++) {
            const body: Record<string, unknown> = {};
            for (const field of fields)
              if (rng.next() < 0.7) body[field] = rng.pick(HOSTILE_VALUES);
            if (rng.next() < 0.2) body[rng.pick(["extra", "__proto__", "constructor"])] = 1;
            await send(
              `${who}: random body`,
              caller,
              route.method,
              path,
              JSON.stringify(body),
              false,
            );
          }
        }
        for (const field of route.query === undefined ? [] : fieldsOf(route.query)) {
          for (const value of HOSTILE_VALUES) {
            const text = typeof value === "string" ? value : JSON.stringify(value);
            const query = `?${field}=${encodeURIComponent(text ?? "")}&${field}=again`;
            await send(
              `${who}: query ${field}`,
              caller,
              route.method,
              `${path}${query}`,
              undefined,
              false,
            );
          }
        }
        if (route.path.includes(":")) {
          for (const id of HOSTILE_IDS) {
            const hostile = pathWith(route, { id, userId: id });
            await send(
              `${who}: path id ${id.slice(0, 30)}`,
              caller,
              route.method,
              hostile,
              route.method === "GET" ? undefined : "{}",
              true,
            );
          }
        }
      }
    }
    // Search and names full of SQL and FTS5 syntax: answered, never a 500.
    for (const value of HOSTILE_VALUES) {
      const q = typeof value === "string" ? value : JSON.stringify(value);
      await send(
        "search",
        seed.member.client,
        "GET",
        `/api/search?q=${encodeURIComponent(q ?? "")}`,
        undefined,
        false,
      );
    }

    expect(problems.slice(0, 20)).toEqual([]);
    expect(requests).toBeGreaterThan(8_000);
    console.info(`http fuzz: seed ${SEED}, ${requests} requests over ${API_ROUTES.length} routes`);
  }, 300_000);

  it("serves no file outside the client and answers broken requests and header tricks safely", async () => {
    const test = await startTestServer({
      OPENVIBE_CLIENT_DIR: (inject as (key: string) => string)("clientDir"),
    });
    const { port, url } = test.current;
    for (const path of [
      "/../../../../etc/passwd",
      "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/..%2f..%2f..%2fetc%2fpasswd",
      "/assets/../../../../etc/passwd",
      "/assets/..%5c..%5c..%5cetc%5cpasswd",
      "//etc/passwd",
      "/%00/etc/passwd",
      "/index.html%00.js",
      "/.%2e/.%2e/package.json",
      "/sw.js/..%2f..%2f..%2fsync-server/src/server.ts",
    ]) {
      const answer = await rawExchange(
        port,
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`,
      );
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
      expect(status, path).toBeLessThan(500);
      expect(answer, path).not.toMatch(/root:x:0:0|"name": "@openvibe|import \{/);
    }

    // Broken request lines and headers: 4xx with a JSON body, from Node's parser too.
    for (const request of [
      "GET / HTTP/1.1\r\nHost: x\r\nX-Bad: a\rb\r\n\r\n",
      "GET /api/me HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      `GET /api/me HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(70_000)}\r\n\r\n`,
      "GARBAGE\r\n\r\n",
      "GET /api/me HTTP/9.9\r\nHost: x\r\n\r\n",
    ]) {
      const answer = await rawExchange(port, request);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
      expect(status, JSON.stringify(request.slice(0, 60))).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      const body = answer.slice(answer.indexOf("\r\n\r\n") + 4);
      expect(JSON.parse(body)).toMatchObject({ error: { code: expect.any(String) } });
    }

    // Header values aimed at the response: a caller's request id is echoed only when sane,
    // and a Host header never reaches the Content-Security-Policy unless it is a plain host.
    const weirdId = await fetch(`${url}/health`, {
      headers: { "X-Request-Id": `<script>${"a".repeat(300)}` },
    });
    expect(weirdId.headers.get("x-request-id")).not.toContain("<script>");
    for (const host of ["x;script-src *", "a b", "evil.example/'unsafe-inline'"]) {
      const answer = await rawExchange(
        port,
        `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      );
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
      if (status === 400) {
        // Refused before any route: a JSON error, and no page a policy would govern.
        expect(answer, host).toContain('"code":"validation_failed"');
        continue;
      }
      const policy = /^content-security-policy: (.*)$/im.exec(answer)?.[1] ?? "";
      expect(policy, host).not.toMatch(/\*|unsafe-inline|script-src 'self'.*script-src/);
      expect(policy, host).toContain("connect-src 'self';");
    }
  });
});
