// Permission-matrix rows for agent administration (configuration, usage, the
// price table) and for retrying agent tasks, on throwaway ledger rows in the
// public channel and throwaway prices.

import { eq } from "drizzle-orm";
import { agentTaskPrompts, agentTasks, modelPrices } from "../../src/db/schema.ts";
import { queuedTask } from "./finished-tasks.ts";
import { adminOnly, type Row, signedIn } from "./permission-table.ts";
import { fresh, type PermissionWorld } from "./permission-world.ts";

/** A new task in the public channel (or `channelId`), left in `status`. */
export function freshTask(
  w: PermissionWorld,
  status: "failed" | "queued" | "completed",
  channelId = w.general.id,
): string {
  const { ctx } = w.server;
  const taskId = queuedTask(ctx, w, channelId);
  ctx.db.update(agentTasks).set({ status }).where(eq(agentTasks.id, taskId)).run();
  return taskId;
}

/** A new price of a model nobody uses. */
function freshPrice(w: PermissionWorld): string {
  const id = fresh("price");
  w.server.ctx.db
    .insert(modelPrices)
    .values({
      id,
      provider: "anthropic",
      model: fresh("model"),
      inputPerMillion: 1,
      outputPerMillion: 2,
      currency: "USD",
      updatedAt: 0,
    })
    .run();
  return id;
}

/** A completed task in `channelId` whose prompt held `text`. */
function taskThatSaw(w: PermissionWorld, channelId: string, text: string): string {
  const taskId = freshTask(w, "completed", channelId);
  const content = {
    provider: "anthropic",
    model: "claude-sonnet-5-5",
    messages: [
      {
        messageId: "m1",
        part: "conversation",
        version: "000000000000001.000001",
        authorId: "u",
        text,
      },
    ],
    related: [],
    omittedMessages: 0,
  };
  w.server.ctx.db
    .insert(agentTaskPrompts)
    .values({ taskId, attempt: 1, replyMessageId: fresh("reply"), content, recordedAt: 0 })
    .run();
  return taskId;
}

const config = (w: PermissionWorld) => `/agents/${w.agent.user.id}/config`;
const writersOfGeneral = (answer: "2xx" | 409) =>
  signedIn({ admin: answer, member: answer, agent: answer, guest: 404, outsider: 404 });

export const AGENT_ROWS: Row[] = [
  { route: "GET /agents/:id/config", expect: adminOnly(), request: (w) => ({ path: config(w) }) },
  {
    route: "PATCH /agents/:id/config",
    expect: adminOnly(),
    request: (w) => ({ path: config(w), body: { maxOutputTokens: 900 } }),
  },
  {
    route: "GET /agents/usage",
    expect: adminOnly(),
    request: () => ({ path: "/agents/usage?days=7" }),
  },
  { route: "GET /agents/prices", expect: adminOnly(), request: () => ({ path: "/agents/prices" }) },
  {
    route: "PUT /agents/prices",
    expect: adminOnly(),
    request: () => ({
      path: "/agents/prices",
      body: {
        provider: "openai-compatible",
        model: fresh("model"),
        inputPerMillion: 0.5,
        outputPerMillion: 1.5,
        currency: "EUR",
      },
    }),
  },
  {
    route: "DELETE /agents/prices/:id",
    expect: adminOnly(),
    request: (w) => ({ path: `/agents/prices/${freshPrice(w)}` }),
  },
  {
    route: "GET /tasks/:id/prompt",
    note: "public channel",
    expect: signedIn({ guest: 404, outsider: 404 }),
    request: (w) => ({ path: `/tasks/${taskThatSaw(w, w.general.id, "general talk")}/prompt` }),
  },
  {
    route: "GET /tasks/:id/prompt",
    note: "a private channel only the admin is in",
    expect: signedIn({ member: 404, guest: 404, outsider: 404, agent: 404 }),
    request: (w) => ({ path: `/tasks/${taskThatSaw(w, w.vault.id, w.vaultTopic)}/prompt` }),
  },
  {
    route: "POST /tasks/:id/retry",
    note: "failed",
    expect: writersOfGeneral("2xx"),
    request: (w) => ({ path: `/tasks/${freshTask(w, "failed")}/retry` }),
  },
  {
    route: "POST /tasks/:id/retry",
    note: "still queued",
    expect: writersOfGeneral(409),
    request: (w) => ({ path: `/tasks/${freshTask(w, "queued")}/retry` }),
  },
];
