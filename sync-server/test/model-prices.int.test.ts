// The price table over real HTTP: admins set, replace and remove prices (each change audited),
// bodies are validated, others are refused; and the usage report turns tokens into money with
// it, per row, per day and overall, with no cost where no price is known.
import type { AgentUsageReport, AuditPage, ModelPriceView } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { finishedTask } from "./support/finished-tasks.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

const PRICES = "/api/agents/prices";
const sonnet = {
  provider: "anthropic",
  model: "claude-sonnet-5-5",
  inputPerMillion: 3,
  outputPerMillion: 15,
  currency: "USD",
} as const;
const llama = {
  provider: "openai-compatible",
  model: "llama3.1:8b",
  inputPerMillion: 0.2,
  outputPerMillion: 0.6,
  currency: "EUR",
} as const;

describe("the price table", () => {
  it("is set, replaced and removed by admins, each change in the audit log", async () => {
    const { current } = await startTestServer();
    const { admin } = await seedWorkspace(current);
    const set = await admin.client.put<ModelPriceView>(PRICES, sonnet);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject(sonnet);
    await admin.client.put(PRICES, llama);
    const replaced = await admin.client.put<ModelPriceView>(PRICES, {
      ...sonnet,
      inputPerMillion: 2.5,
    });
    expect(replaced.body).toMatchObject({ id: set.body.id, inputPerMillion: 2.5 });
    const listed = await admin.client.get<ModelPriceView[]>(PRICES);
    expect(listed.body.map(({ id: _id, updatedAt: _at, ...price }) => price)).toEqual([
      { ...sonnet, inputPerMillion: 2.5 },
      llama,
    ]);

    expect((await admin.client.delete(`${PRICES}/${set.body.id}`)).status).toBe(204);
    expect((await admin.client.delete(`${PRICES}/${set.body.id}`)).status).toBe(404);
    expect((await admin.client.get<ModelPriceView[]>(PRICES)).body).toHaveLength(1);

    const audit = await admin.client.get<AuditPage>("/api/audit?limit=4");
    const entries = audit.body.entries.filter((e) => e.targetType === "model_price");
    expect(entries.map((e) => [e.action, e.targetId])).toEqual([
      ["model_price.removed", set.body.id],
      ["model_price.set", set.body.id],
      ["model_price.set", expect.any(String)],
      ["model_price.set", set.body.id],
    ]);
    expect(entries[1]?.details).toMatchObject({
      inputPerMillion: 2.5,
      previous: { inputPerMillion: 3, outputPerMillion: 15, currency: "USD" },
    });
    expect(entries[0]?.details).toMatchObject({ model: "claude-sonnet-5-5", inputPerMillion: 2.5 });
  });

  it("refuses bodies that are not a price, naming the field", async () => {
    const { current } = await startTestServer();
    const { admin } = await seedWorkspace(current);
    const refused = [
      [{ ...sonnet, currency: "dollars" }, "currency"],
      [{ ...sonnet, currency: "usd" }, "currency"],
      [{ ...sonnet, inputPerMillion: -1 }, "inputPerMillion"],
      [{ ...sonnet, outputPerMillion: "15" }, "outputPerMillion"],
      [{ ...sonnet, outputPerMillion: 1e9 }, "outputPerMillion"],
      [{ ...sonnet, provider: "openai" }, "provider"],
      [{ ...sonnet, model: " " }, "model"],
      [{ ...sonnet, model: "m".repeat(101) }, "model"],
      [{ ...sonnet, discount: 0.5 }, "discount"],
      [{ provider: "anthropic", model: "x", currency: "USD" }, "inputPerMillion"],
    ] as const;
    for (const [body, field] of refused) {
      const answer = await admin.client.put(PRICES, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(answer.body)).toContain(field);
    }
    expect((await admin.client.get<ModelPriceView[]>(PRICES)).body).toEqual([]);
    expect((await admin.client.delete(`${PRICES}/not%20an%20id`)).status).toBe(400);
  });

  it("is for admins only", async () => {
    const { current } = await startTestServer();
    const { admin, member, guest, agent, anonymous } = await seedWorkspace(current);
    const price = (await admin.client.put<ModelPriceView>(PRICES, sonnet)).body;
    for (const who of [member, guest, agent]) {
      expect((await who.client.get(PRICES)).status).toBe(403);
      expect((await who.client.put(PRICES, llama)).status).toBe(403);
      expect((await who.client.delete(`${PRICES}/${price.id}`)).status).toBe(403);
    }
    expect((await anonymous.get(PRICES)).status).toBe(401);
    expect((await admin.client.get<ModelPriceView[]>(PRICES)).body).toMatchObject([sonnet]);
  });
});

describe("costs in the usage report", () => {
  it("prices each row at its provider and model, sums per currency, and leaves unpriced rows without a cost", async () => {
    const { current } = await startTestServer();
    const w = await seedWorkspace(current);
    const { ctx } = current;
    const now = ctx.now();
    const yesterday = now - 24 * 60 * 60 * 1000;
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const task = (
      at: number,
      input: number,
      output: number,
      priced: typeof sonnet | typeof llama,
    ) =>
      finishedTask(ctx, w, w.general.id, {
        status: "completed",
        at,
        input,
        output,
        provider: priced.provider,
        model: priced.model,
      });
    task(now, 1_234_567, 89_012, sonnet);
    task(now, 1, 1, sonnet);
    task(yesterday, 2_000_000, 500_000, llama);
    // The same model name under another provider has no price.
    finishedTask(ctx, w, w.general.id, {
      status: "completed",
      at: now,
      input: 40,
      output: 2,
      provider: "openai-compatible",
      model: sonnet.model,
    });
    // No model called: no provider, no price.
    finishedTask(ctx, w, w.secret.id, { status: "failed", at: now, input: 0, output: 0 });
    await w.admin.client.put(PRICES, sonnet);
    await w.admin.client.put(PRICES, llama);

    const report = (await w.admin.client.get<AgentUsageReport>("/api/agents/usage?days=7")).body;
    const row = (provider: string | null, model: string | null) =>
      report.days.find((r) => r.provider === provider && r.model === model);
    // (1,234,568 x 3 + 89,013 x 15) / 1,000,000
    expect(row("anthropic", sonnet.model)).toMatchObject({
      day: day(now),
      tasks: 2,
      inputTokens: 1_234_568,
      outputTokens: 89_013,
      cost: { amount: 5.038899, currency: "USD" },
    });
    // (2,000,000 x 0.2 + 500,000 x 0.6) / 1,000,000
    expect(row("openai-compatible", llama.model)).toMatchObject({
      day: day(yesterday),
      cost: { amount: 0.7, currency: "EUR" },
    });
    expect(row("openai-compatible", sonnet.model)?.cost).toBeNull();
    expect(row(null, null)?.cost).toBeNull();

    expect(report.totals).toEqual({
      tasks: 5,
      inputTokens: 1_234_568 + 2_000_000 + 40,
      outputTokens: 89_013 + 500_000 + 2,
      cost: [
        { amount: 0.7, currency: "EUR" },
        { amount: 5.038899, currency: "USD" },
      ],
      unpricedInputTokens: 40,
      unpricedOutputTokens: 2,
    });
    expect(report.perDay.map((d) => [d.day, d.tasks, d.cost])).toEqual([
      [day(yesterday), 1, [{ amount: 0.7, currency: "EUR" }]],
      [day(now), 4, [{ amount: 5.038899, currency: "USD" }]],
    ]);

    // A price removed: its rows have no cost again, and their tokens count as unpriced.
    const prices = (await w.admin.client.get<ModelPriceView[]>(PRICES)).body;
    const llamaPrice = prices.find((p) => p.model === llama.model);
    await w.admin.client.delete(`${PRICES}/${llamaPrice?.id}`);
    const after = (await w.admin.client.get<AgentUsageReport>("/api/agents/usage?days=7")).body;
    expect(after.totals.cost).toEqual([{ amount: 5.038899, currency: "USD" }]);
    expect(after.totals.unpricedInputTokens).toBe(2_000_040);
  });
});
