// The caller's own account: profile, password and read positions.
import {
  changePasswordRequest,
  putReadPositionsRequest,
  updateProfileRequest,
} from "@openvibe/schema";
import { Hono } from "hono";
import { changePassword } from "../../accounts/password-change.ts";
import { toUserView, updateProfile } from "../../accounts/users.ts";
import { ApiError } from "../../errors.ts";
import { listReadPositions, saveReadPositions } from "../../read-positions/read-positions.ts";
import { type AppEnv, requirePrincipal } from "../authentication.ts";
import { clientAddress } from "../sign-in.ts";
import { readBody } from "../validation.ts";
import type { RouteDeps } from "./deps.ts";

export function meRoutes({ ctx, loginThrottle, clientAddresses }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/me", (c) => {
    const { user } = requirePrincipal(c);
    return c.json(toUserView(user, user));
  });

  app.patch("/me", async (c) => {
    const { user } = requirePrincipal(c);
    const updated = updateProfile(ctx, user.id, await readBody(c, updateProfileRequest));
    return c.json(toUserView(updated, updated));
  });

  app.post("/me/password", async (c) => {
    const { user } = requirePrincipal(c);
    const request = await readBody(c, changePasswordRequest);
    // Guesses at the current password count like failed sign-ins on the same account.
    const account = user.email ?? user.id;
    const address = clientAddress(c, clientAddresses);
    loginThrottle.check(account, address);
    if (!(await changePassword(ctx, user, c.get("session")?.id ?? null, request))) {
      loginThrottle.recordFailure(account, address);
      throw new ApiError("invalid_credentials", "the current password is wrong");
    }
    return c.body(null, 204);
  });

  app.get("/me/read-positions", (c) => {
    const { user } = requirePrincipal(c);
    return c.json(listReadPositions(ctx, user));
  });

  app.put("/me/read-positions", async (c) => {
    const { user } = requirePrincipal(c);
    saveReadPositions(ctx, user, await readBody(c, putReadPositionsRequest));
    return c.json(listReadPositions(ctx, user));
  });

  return app;
}
