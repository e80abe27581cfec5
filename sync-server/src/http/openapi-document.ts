// Renders the route catalogue (api-catalog.ts) as an OpenAPI 3.1 document,
// with request schemas generated from the shared zod schemas, and as the
// Markdown route table of the README.
import { fields } from "@openvibe/schema";
import { z } from "zod";
import { type Access, API_ROUTES, type ApiRoute } from "./api-catalog.ts";
import { CSRF_HEADER, SESSION_COOKIE } from "./authentication.ts";

type JsonSchema = Record<string, unknown>;

const ACCESS_TEXT: Record<Access, string> = {
  public: "anyone",
  "signed-in": "anyone signed in (session or API key)",
  session: "a signed-in browser session",
  admin: "admins",
  bridge: "agent bridges (bridge keys)",
};

const ERROR_TEXT: Record<number, string> = {
  400: "Invalid body, query or id (validation_failed lists every problem by field, invalid_json)",
  401: "Not signed in, or a wrong password (unauthenticated, invalid_credentials)",
  403: "Not allowed (forbidden), a cookie write without the CSRF token (csrf_failed), or a feature the workspace turned off (feature_disabled)",
  404: "No such record, or one the caller may not see (not_found)",
  409: "Conflicts with the current state (conflict, already_set_up)",
  410: "The invite link cannot be used any more (invite_unusable)",
  415: "The body is not JSON (unsupported_media_type)",
  421: "No link can be built from this request's Host; set OPENVIBE_PUBLIC_URL (public_url_required)",
  429: "Too many failed attempts; see Retry-After (rate_limited)",
};

function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "input" });
  return rest;
}

/** Hono's /channels/:id as OpenAPI's /api/channels/{id}. */
export function openApiPath(path: string): string {
  return `/api${path.replace(/:(\w+)/g, "{$1}")}`;
}

function pathParameters(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].flatMap((match) => (match[1] === undefined ? [] : match[1]));
}

/** The error statuses a route can answer with: implied by its shape, plus its own. */
export function errorStatuses(route: ApiRoute): number[] {
  const implied = [
    ...(route.body === undefined ? [] : [400, 415]),
    ...(route.query === undefined ? [] : [400]),
    ...(route.path.includes(":") ? [400, 404] : []),
    ...(route.access === "public" ? [] : [401]),
    ...(route.access === "admin" || route.access === "session" || route.access === "bridge"
      ? [403]
      : []),
  ];
  return [...new Set([...implied, ...(route.errors ?? [])])].sort((a, b) => a - b);
}

function parameters(route: ApiRoute): JsonSchema[] {
  const inPath = pathParameters(route.path).map((name) => ({
    name,
    in: "path",
    required: true,
    schema: jsonSchema(fields.id),
  }));
  if (route.query === undefined) return inPath;
  const query = jsonSchema(route.query) as { properties?: JsonSchema; required?: string[] };
  const inQuery = Object.entries(query.properties ?? {}).map(([name, schema]) => ({
    name,
    in: "query",
    required: query.required?.includes(name) ?? false,
    schema,
  }));
  return [...inPath, ...inQuery];
}

function operation(route: ApiRoute): JsonSchema {
  const security =
    route.access === "public"
      ? []
      : route.access === "session"
        ? [{ sessionCookie: [] }]
        : route.access === "bridge"
          ? [{ apiKey: [] }]
          : [{ sessionCookie: [] }, { apiKey: [] }];
  const errorResponses = errorStatuses(route).map((status) => [
    String(status),
    {
      description: ERROR_TEXT[status] ?? "Error",
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    },
  ]);
  return {
    summary: route.summary,
    description: `Who may call it: ${route.who ?? ACCESS_TEXT[route.access]}.`,
    tags: [route.path.split("/")[1]?.replace(/\.json$/, "") ?? ""],
    "x-openvibe-access": route.access,
    security,
    parameters: parameters(route),
    ...(route.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { "application/json": { schema: jsonSchema(route.body) } },
          },
        }),
    responses: Object.fromEntries([
      [String(route.status), { description: route.status === 204 ? "Done" : "Success" }],
      ...errorResponses,
    ]),
  };
}

export function openApiDocument(version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of API_ROUTES) {
    const key = openApiPath(route.path);
    paths[key] = { ...paths[key], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "OpenVibe API",
      version,
      description: `JSON in and out. Browsers sign in with the ${SESSION_COOKIE} cookie and send the session's CSRF token in ${CSRF_HEADER} on writes; agents and scripts send "Authorization: Bearer ovk_...". An invalid API key is refused with 401 on every route.`,
    },
    components: {
      securitySchemes: {
        sessionCookie: { type: "apiKey", in: "cookie", name: SESSION_COOKIE },
        apiKey: { type: "http", scheme: "bearer" },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string" },
                message: { type: "string" },
                issues: {
                  type: "array",
                  items: {
                    type: "object",
                    properties: { path: { type: "string" }, message: { type: "string" } },
                  },
                },
              },
            },
          },
        },
      },
    },
    paths,
  };
}

/** The README's route table, one row per route. */
export function routeTableMarkdown(): string {
  const rows = API_ROUTES.map(
    (route) =>
      `| ${route.method} | \`${openApiPath(route.path)}\` | ${route.summary} | ${route.who ?? ACCESS_TEXT[route.access]} | ${route.status} |`,
  );
  return [
    "| Method | Path | What it does | Who may call it | Success |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
