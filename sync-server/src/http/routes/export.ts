// The admin page's download of the workspace, or one channel, as the export file (JSON, for
// `ovb import`) or as Markdown: the same export `ovb export` writes.
import { exportQuery } from "@openvibe/schema";
import { Hono } from "hono";
import { getChannel } from "../../channels/channels.ts";
import { notFound } from "../../errors.ts";
import { exportWorkspace } from "../../portability/export-workspace.ts";
import { renderMarkdown } from "../../portability/markdown.ts";
import { SqliteDocumentStore } from "../../storage/sqlite-document-store.ts";
import { type AppEnv, requireAdmin } from "../authentication.ts";
import { readQuery } from "../validation.ts";
import type { RouteDeps } from "./deps.ts";

export function exportRoutes({ ctx, documents }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // The server passes its document store; an app mounted without one reads through its own.
  let loader = documents;

  app.get("/export", (c) => {
    requireAdmin(c);
    const query = readQuery(c, exportQuery);
    if (query.channel !== undefined && getChannel(ctx, query.channel) === undefined) {
      throw notFound("channel");
    }
    loader ??= new SqliteDocumentStore(ctx.db, { synchronous: "full" });
    const file = exportWorkspace(
      ctx,
      loader,
      query.channel === undefined ? {} : { channelId: query.channel },
    );
    const day = file.exportedAt.slice(0, 10);
    const scope = query.channel === undefined ? "workspace" : (file.channels[0]?.name ?? "channel");
    const name = `openvibe-${scope}-${day}.${query.format === "json" ? "json" : "md"}`;
    c.header("Content-Disposition", `attachment; filename="${name}"`);
    if (query.format === "markdown") {
      c.header("Content-Type", "text/markdown; charset=utf-8");
      return c.body(renderMarkdown(file));
    }
    return c.json(file);
  });

  return app;
}
