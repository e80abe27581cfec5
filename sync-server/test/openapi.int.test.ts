// The API's description cannot drift from the routes: the catalogue that the
// OpenAPI document (and the README table) is rendered from must list exactly
// the /api routes the app mounts.
import { readFileSync } from "node:fs";
import { describe, expect, it, onTestFinished } from "vitest";
import { LoginThrottle } from "../src/accounts/login-throttle.ts";
import { TaskQueueSignal } from "../src/agents/task-queue.ts";
import { createAppContext } from "../src/context.ts";
import { openDatabase } from "../src/db/open-database.ts";
import { API_ROUTES } from "../src/http/api-catalog.ts";
import { createHttpApp } from "../src/http/app.ts";
import { openApiPath, routeTableMarkdown } from "../src/http/openapi-document.ts";
import { createLogger } from "../src/logger.ts";
import { ServerMetrics } from "../src/metrics/server-metrics.ts";
import { ApiClient } from "./support/api-client.ts";
import { startTestServer, temporaryDataDir } from "./support/test-server.ts";

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
}
interface OpenApiOperation {
  security: unknown[];
  requestBody?: { content: { "application/json": { schema: { properties?: object } } } };
  parameters: { name: string; in: string }[];
  responses: Record<string, unknown>;
}

function mountedApiRoutes(): string[] {
  const dataDir = temporaryDataDir();
  const db = openDatabase(dataDir, { synchronous: "normal" });
  onTestFinished(() => {
    db.$client.close();
  });
  const ctx = createAppContext(db);
  const app = createHttpApp({
    ctx,
    loginThrottle: new LoginThrottle(),
    taskQueue: new TaskQueueSignal(),
    agentLeaseMs: 20_000,
    version: "test",
    startedAt: 0,
    clientDir: dataDir,
    logger: createLogger("silent"),
    metrics: new ServerMetrics(ctx, () => undefined),
    metricsToken: null,
    storageProblem: () => null,
  });
  // Middleware and the JSON 404 for unknown API paths are registered for every method ("ALL").
  const routes = app.routes
    .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/"))
    .map((r) => `${r.method} ${r.path}`);
  return [...new Set(routes)].sort();
}

const catalogued = () => API_ROUTES.map((r) => `${r.method} /api${r.path}`).sort();

function documented(document: OpenApiDocument): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, operations]) =>
      Object.keys(operations).map(
        (method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`,
      ),
    )
    .sort();
}

describe("the API description", () => {
  it("lists every mounted /api route once, and nothing else", () => {
    expect(catalogued()).toEqual(mountedApiRoutes());
    expect(new Set(catalogued()).size).toBe(API_ROUTES.length);
  });

  it("serves an OpenAPI 3.1 document of exactly the mounted routes", async () => {
    const { current } = await startTestServer();
    const response = await new ApiClient(current.url).get<OpenApiDocument>("/api/openapi.json");
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe("3.1.0");
    expect(documented(response.body)).toEqual(mountedApiRoutes());

    const createChannel = response.body.paths["/api/channels"]?.post;
    expect(
      createChannel?.requestBody?.content["application/json"].schema.properties,
    ).toHaveProperty("visibility");
    expect(Object.keys(createChannel?.responses ?? {})).toEqual(
      expect.arrayContaining(["201", "400", "401", "403", "409"]),
    );
    const member = response.body.paths["/api/channels/{id}/members/{userId}"]?.put;
    expect(member?.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(["path:id", "path:userId"]);
    const audit = response.body.paths["/api/audit"]?.get;
    expect(audit?.parameters.map((p) => `${p.in}:${p.name}`)).toEqual([
      "query:before",
      "query:limit",
    ]);
    expect(response.body.paths["/api/invites/accept"]?.post?.security).toEqual([]);
  });

  it("renders one README table row per route", () => {
    const table = routeTableMarkdown().split("\n");
    expect(table).toHaveLength(API_ROUTES.length + 2);
    for (const route of API_ROUTES) {
      expect(table).toContainEqual(expect.stringContaining(`\`${openApiPath(route.path)}\``));
    }
  });

  // Active once README.md carries the table between these markers.
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const section = /<!-- api-routes:begin -->\n([\s\S]*?)\n<!-- api-routes:end -->/.exec(readme);
  it.runIf(section !== null)("matches the route table in README.md", () => {
    expect(section?.[1], "run: node scripts/lib/update-readme-routes.ts").toBe(
      routeTableMarkdown(),
    );
  });
});
