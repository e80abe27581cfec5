// Link previews of pages linked in messages, for anyone signed in, while the workspace's
// settings leave them on. The image route serves only what a preview already fetched: it is
// not a proxy for arbitrary addresses.
import { linkPreviewQuery } from "@openvibe/schema";
import { Hono } from "hono";
import { ApiError } from "../../errors.ts";
import { type AppEnv, requirePrincipal } from "../authentication.ts";
import { requireFeature } from "../features.ts";
import { readQuery } from "../validation.ts";
import { linkPreviewsOf, type RouteDeps } from "./deps.ts";

/** Preview images change rarely and are fetched again after a day. */
const IMAGE_CACHE = "private, max-age=86400";

export function linkPreviewRoutes(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const previews = linkPreviewsOf(deps);
  const { ctx } = deps;

  app.get("/link-previews", async (c) => {
    const { user } = requirePrincipal(c);
    requireFeature(ctx, "linkPreviews");
    const { url } = readQuery(c, linkPreviewQuery);
    return c.json({ preview: await previews.preview(new URL(url), user.id) });
  });

  app.get("/link-previews/image", (c) => {
    requirePrincipal(c);
    requireFeature(ctx, "linkPreviews");
    const { url } = readQuery(c, linkPreviewQuery);
    const image = previews.image(new URL(url));
    if (image === null) throw new ApiError("not_found", "no preview image for this link");
    return c.body(new Uint8Array(image.bytes), 200, {
      "Content-Type": image.type,
      "Cache-Control": IMAGE_CACHE,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
    });
  });

  return app;
}
