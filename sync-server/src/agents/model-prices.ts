// The price table: what a model's tokens cost, one row per (provider, model), set and removed by
// admins (each change in the audit log), read by the usage report.
import type { ModelPriceView, ModelProviderName, PutModelPriceRequest } from "@openvibe/schema";
import { asc, eq } from "drizzle-orm";
import type { UserRecord } from "../accounts/principal.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { commitChange } from "../commit-change.ts";
import type { AppContext } from "../context.ts";
import { modelPrices } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { newId } from "../ids.ts";

type PriceRow = typeof modelPrices.$inferSelect;

function toView({ updatedAt, ...price }: PriceRow): ModelPriceView {
  return { ...price, updatedAt: new Date(updatedAt).toISOString() };
}

export function listModelPrices(ctx: AppContext): ModelPriceView[] {
  return ctx.db
    .select()
    .from(modelPrices)
    .orderBy(asc(modelPrices.provider), asc(modelPrices.model))
    .all()
    .map(toView);
}

/** The key a price is looked up by. */
export const priceKey = (provider: ModelProviderName, model: string) => `${provider}\n${model}`;

/** Every price by `priceKey`. */
export function priceLookup(ctx: AppContext): Map<string, ModelPriceView> {
  return new Map(
    listModelPrices(ctx).map((price) => [priceKey(price.provider, price.model), price]),
  );
}

/** Sets the price of (provider, model), replacing the one before (kept in the audit entry). */
export function putModelPrice(
  ctx: AppContext,
  actor: UserRecord,
  price: PutModelPriceRequest,
): ModelPriceView {
  return commitChange(ctx, () => {
    const where = priceKey(price.provider, price.model);
    const before = priceLookup(ctx).get(where);
    const row: PriceRow = { id: before?.id ?? newId(), ...price, updatedAt: ctx.now() };
    ctx.db
      .insert(modelPrices)
      .values(row)
      .onConflictDoUpdate({ target: [modelPrices.provider, modelPrices.model], set: row })
      .run();
    recordAudit(ctx, {
      actorId: actor.id,
      action: "model_price.set",
      targetType: "model_price",
      targetId: row.id,
      details: { ...price, previous: before === undefined ? null : priceOnly(before) },
    });
    return toView(row);
  });
}

function priceOnly({ inputPerMillion, outputPerMillion, currency }: ModelPriceView) {
  return { inputPerMillion, outputPerMillion, currency };
}

export function removeModelPrice(ctx: AppContext, actor: UserRecord, priceId: string): void {
  commitChange(ctx, () => {
    const removed = ctx.db.delete(modelPrices).where(eq(modelPrices.id, priceId)).returning().get();
    if (removed === undefined) throw notFound("price");
    const { id: _id, updatedAt: _at, ...price } = removed;
    recordAudit(ctx, {
      actorId: actor.id,
      action: "model_price.removed",
      targetType: "model_price",
      targetId: priceId,
      details: price,
    });
  });
}
