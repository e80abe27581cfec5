// What route modules are given.
import type { LoginThrottle } from "../../accounts/login-throttle.ts";
import type { TaskQueueSignal } from "../../agents/task-queue.ts";
import type { AppContext } from "../../context.ts";
import type { SearchService } from "../../search/search-service.ts";

export interface RouteDeps {
  ctx: AppContext;
  loginThrottle: LoginThrottle;
  taskQueue: TaskQueueSignal;
  /** How long a bridge's claim on a task lasts without a heartbeat. */
  agentLeaseMs: number;
  /** Search over the server's index; built from `ctx` when absent. */
  search?: SearchService;
}
