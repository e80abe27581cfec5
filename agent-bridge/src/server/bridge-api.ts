// The bridge's side of the task protocol (see @openvibe/schema's api/bridge):
// claim work with a long poll, renew the lease, report the reply, what its
// prompt held, and finish, report the usage of a claim another bridge took
// over; and search for
// messages related to a task, or read another thread, while holding it. Calls about a task name the
// claim they speak for (its attempt).
import {
  type AttemptUsage,
  type ClaimedTask,
  type ContextItemList,
  type ContextItemView,
  type FinishTaskRequest,
  heartbeatResponse,
  type PromptContent,
  type RememberRequest,
  type TaskSearchQuery,
  type TaskSearchResult,
  type TaskThreadQuery,
  type TaskThreadResult,
} from "@openvibe/schema";

/** The server gave the task to another bridge (our lease ran out). */
export class LeaseLostError extends Error {
  constructor(taskId: string) {
    super(`lost the lease on task ${taskId}`);
    this.name = "LeaseLostError";
  }
}

/** A claim of a task: the task and which attempt this bridge's claim was. */
export type Claim = Pick<ClaimedTask, "id" | "attempt">;

/** A renewed claim: how long its lease lasts, and the document the task's conversation is in now. */
export interface Lease {
  leaseMs: number;
  documentName: string;
}

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

  /**
   * The next task for this bridge, or null when none came within `waitMs`; never one of
   * `running` (the tasks this bridge is working on).
   */
  async claim(
    waitMs: number,
    running: readonly string[],
    signal: AbortSignal,
  ): Promise<ClaimedTask | null> {
    const response = await this.post("/api/bridge/claim", { waitMs, running }, signal);
    return response.status === 204 ? null : ((await response.json()) as ClaimedTask);
  }

  /**
   * Renews the claim's lease (the first call confirms the claim), also after it ran out while
   * no other claim took the task; returns the lease's length in ms and the document the task's
   * conversation is in now. LeaseLostError otherwise.
   */
  async heartbeat(task: Claim & Pick<ClaimedTask, "documentName">): Promise<Lease> {
    const response = await this.post(`/api/bridge/tasks/${task.id}/heartbeat`, {
      attempt: task.attempt,
    });
    const { leaseMs, documentName } = heartbeatResponse.parse(await response.json());
    return { leaseMs, documentName: documentName ?? task.documentName };
  }

  async replyStarted(task: Claim, messageId: string): Promise<void> {
    await this.post(`/api/bridge/tasks/${task.id}/reply`, { attempt: task.attempt, messageId });
  }

  /** What went into the prompt of this claim's reply (recorded once per claim). */
  async promptRecord(task: Claim, content: PromptContent, signal: AbortSignal): Promise<void> {
    await this.post(
      `/api/bridge/tasks/${task.id}/prompt`,
      { ...content, attempt: task.attempt },
      signal,
    );
  }

  async finish(task: Claim, outcome: Omit<FinishTaskRequest, "attempt">): Promise<void> {
    await this.post(`/api/bridge/tasks/${task.id}/finish`, { ...outcome, attempt: task.attempt });
  }

  /** The tokens a claim of this bridge consumed, after another bridge took the task over. */
  async lostClaimUsage(task: Claim, usage: Omit<AttemptUsage, "attempt">): Promise<void> {
    await this.post(`/api/bridge/tasks/${task.id}/usage`, { ...usage, attempt: task.attempt });
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

  /** The context items in a held task's scope, as its agent reads them, newest first. */
  async contextItems(taskId: string, signal: AbortSignal): Promise<ContextItemView[]> {
    const response = await this.send(`/api/bridge/tasks/${taskId}/context-items`, { signal });
    return ((await response.json()) as ContextItemList).items;
  }

  /** The agent's `remember` tool: a new context item from this claim's task. */
  async remember(
    task: Claim,
    item: Omit<RememberRequest, "attempt">,
    signal: AbortSignal,
  ): Promise<ContextItemView> {
    const response = await this.post(
      `/api/bridge/tasks/${task.id}/context-items`,
      { ...item, attempt: task.attempt },
      signal,
    );
    return (await response.json()) as ContextItemView;
  }

  /** Another thread (or fork) a task's agent may read, for its read_thread tool. */
  async readThread(
    taskId: string,
    query: TaskThreadQuery,
    signal: AbortSignal,
  ): Promise<TaskThreadResult> {
    const params = new URLSearchParams({
      channelId: query.channelId,
      threadId: query.threadId,
      ...(query.forkId === undefined ? {} : { forkId: query.forkId }),
    });
    const response = await this.send(`/api/bridge/tasks/${taskId}/thread?${params}`, { signal });
    return (await response.json()) as TaskThreadResult;
  }

  /** A file of the task's channel, as the task's agent may read it; null when it is not there. */
  async file(taskId: string, fileId: string, signal: AbortSignal): Promise<Uint8Array | null> {
    try {
      const response = await this.send(`/api/bridge/tasks/${taskId}/files/${fileId}`, { signal });
      return new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      // Not uploaded yet (409 is also "lease lost" in general: a file's 409 is only pending).
      if (error instanceof BridgeApiError && (error.status === 404 || error.status === 409)) {
        return null;
      }
      if (error instanceof LeaseLostError) return null;
      throw error;
    }
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
