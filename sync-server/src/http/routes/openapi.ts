// GET /api/openapi.json: the API described by its own route catalogue.
import { Hono } from "hono";
import type { AppEnv } from "../authentication.ts";
import { openApiDocument } from "../openapi-document.ts";

export function openApiRoutes(version: string): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const document = openApiDocument(version);
  app.get("/openapi.json", (c) => c.json(document));
  return app;
}
