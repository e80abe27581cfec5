// The bridge's side of the task protocol (see @openvibe/schema's api/bridge):
// claim work with a long poll, renew the lease, report the reply and finish;
// and search for messages related to a task while holding it.
import type {
  ClaimedTask,
  FinishTaskRequest,
  TaskSearchQuery,
  TaskSearchResult,
} from "@openvibe/schema";

/** The server gave the task to another bridge (our lease ran out). */
export class LeaseLostError extends Error {
  constructor(taskId: string) {
    super(`lost the lease on task ${taskId}`);
    this.name = "LeaseLostError";
  }
}

/** The server's default lease, for a server that does not say. */
const DEFAULT_LEASE_MS = 20_000;

export class BridgeApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = "BridgeApiError";
    this.status = status;
  }
}

export class BridgeApi {
  private readonly baseUrl: string;
  private readonly key: string;

  constructor(baseUrl: string, key: string) {
    this.baseUrl = baseUrl.replace(/\/$/, "");
    this.key = key;
  }

  /** The next task for this bridge, or null when none came within `waitMs`. */
  async claim(waitMs: number, signal: AbortSignal): Promise<ClaimedTask | null> {
    const response = await this.post("/api/bridge/claim", { waitMs }, signal);
    return response.status === 204 ? null : ((await response.json()) as ClaimedTask);
  }

  /** Renews the lease (the first call confirms the claim); returns the lease's length in ms. */
  async heartbeat(taskId: string): Promise<number> {
    const response = await this.post(`/api/bridge/tasks/${taskId}/heartbeat`, {});
    const { leaseMs } = (await response.json()) as { leaseMs?: number };
    return leaseMs ?? DEFAULT_LEASE_MS;
  }

  async replyStarted(taskId: string, messageId: string): Promise<void> {
    await this.post(`/api/bridge/tasks/${taskId}/reply`, { messageId });
  }

  async finish(
    taskId: string,
    outcome: Partial<FinishTaskRequest> & Pick<FinishTaskRequest, "status">,
  ): Promise<void> {
    await this.post(`/api/bridge/tasks/${taskId}/finish`, outcome);
  }

  /** Messages related to a task the bridge holds, as its agent may read them. */
  async relatedMessages(
    taskId: string,
    query: TaskSearchQuery,
    signal: AbortSignal,
  ): Promise<TaskSearchResult> {
    const params = new URLSearchParams({ q: query.q, limit: String(query.limit) });
    const response = await this.send(`/api/bridge/tasks/${taskId}/search?${params}`, { signal });
    return (await response.json()) as TaskSearchResult;
  }

  private post(path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
    return this.send(path, { body, ...(signal === undefined ? {} : { signal }) });
  }

  /** A GET, or a POST of `body` as JSON. */
  private async send(
    path: string,
    { body, signal }: { body?: unknown; signal?: AbortSignal },
  ): Promise<Response> {
    const json = body !== undefined;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: json ? "POST" : "GET",
      headers: {
        Authorization: `Bearer ${this.key}`,
        ...(json ? { "Content-Type": "application/json" } : {}),
      },
      ...(json ? { body: JSON.stringify(body) } : {}),
      ...(signal === undefined ? {} : { signal }),
    });
    if (response.ok) return response;
    const taskId = path.match(/\/tasks\/([^/]+)\//)?.[1];
    if (response.status === 409 && taskId !== undefined) throw new LeaseLostError(taskId);
    throw new BridgeApiError(
      response.status,
      `${path} answered ${response.status}: ${await response.text()}`,
    );
  }
}
