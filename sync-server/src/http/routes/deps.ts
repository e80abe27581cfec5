// What route modules are given.
import type { LoginThrottle } from "../../accounts/login-throttle.ts";
import type { AppContext } from "../../context.ts";

export interface RouteDeps {
  ctx: AppContext;
  loginThrottle: LoginThrottle;
}
