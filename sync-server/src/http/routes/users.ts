// People and agents of the workspace: the directory (anyone signed in) and
// roles and deactivation (admins).
import { updateUserRequest } from "@openvibe/schema";
import type { Context } from "hono";
import { Hono } from "hono";
import type { UserRecord } from "../../accounts/principal.ts";
import {
  deactivateUser,
  listUsers,
  reactivateUser,
  requireUser,
  setRole,
  toUserView,
} from "../../accounts/users.ts";
import { ApiError } from "../../errors.ts";
import { type AppEnv, requireAdmin, requirePrincipal } from "../authentication.ts";
import { readBody, readId } from "../validation.ts";
import type { RouteDeps } from "./deps.ts";

export function userRoutes({ ctx }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const view = (c: Context<AppEnv>, viewer: UserRecord, user: UserRecord) =>
    c.json(toUserView(user, viewer));

  app.get("/users", (c) => {
    const { user: viewer } = requirePrincipal(c);
    return c.json(listUsers(ctx).map((user) => toUserView(user, viewer)));
  });

  app.get("/users/:id", (c) => {
    const { user: viewer } = requirePrincipal(c);
    return view(c, viewer, requireUser(ctx, readId(c)));
  });

  app.patch("/users/:id", async (c) => {
    const { user: admin } = requireAdmin(c);
    const id = readId(c);
    const { role } = await readBody(c, updateUserRequest);
    return view(c, admin, setRole(ctx, admin, id, role));
  });

  app.post("/users/:id/deactivate", (c) => {
    const { user: admin } = requireAdmin(c);
    const id = readId(c);
    if (id === admin.id) {
      throw new ApiError(
        "conflict",
        "you cannot deactivate your own account; ask another admin to do it",
      );
    }
    return view(c, admin, deactivateUser(ctx, admin, id));
  });

  app.post("/users/:id/reactivate", (c) => {
    const { user: admin } = requireAdmin(c);
    return view(c, admin, reactivateUser(ctx, admin, readId(c)));
  });

  return app;
}
