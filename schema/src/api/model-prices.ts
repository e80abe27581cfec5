// What a model's tokens cost: admins keep one price per (provider, model), per million input and
// output tokens in a currency, and the usage report turns tokens into money with it. A row whose
// (provider, model) has no price has no cost (null): never a guess.
import { z } from "zod";
import { MODEL_PROVIDERS, modelName } from "./model-providers.ts";

/** An ISO 4217 code, upper case: USD, EUR, GBP… */
export const currencyCode = z
  .string()
  .trim()
  .regex(/^[A-Z]{3}$/, "give a three-letter ISO 4217 code, like USD or EUR");

const perMillion = z.number().min(0).max(100_000);

/** PUT /api/agents/prices: sets the price of one (provider, model), replacing any before it. */
export const putModelPriceRequest = z.strictObject({
  provider: z.enum(MODEL_PROVIDERS),
  model: modelName,
  /** Per million input tokens. */
  inputPerMillion: perMillion,
  /** Per million output tokens. */
  outputPerMillion: perMillion,
  currency: currencyCode,
});

export type PutModelPriceRequest = z.infer<typeof putModelPriceRequest>;

export interface ModelPriceView extends PutModelPriceRequest {
  id: string;
  updatedAt: string;
}

/** An amount of money: cost is rounded to millionths of the currency's unit. */
export interface Money {
  amount: number;
  currency: string;
}

/** The smallest amount costs are kept to (a millionth of the currency's unit). */
const MONEY_SCALE = 1_000_000;

export function roundMoney(amount: number): number {
  return Math.round(amount * MONEY_SCALE) / MONEY_SCALE;
}

/** What `inputTokens` and `outputTokens` cost at `price`. */
export function costAt(
  price: Pick<PutModelPriceRequest, "inputPerMillion" | "outputPerMillion" | "currency">,
  tokens: { inputTokens: number; outputTokens: number },
): Money {
  const amount =
    (tokens.inputTokens * price.inputPerMillion + tokens.outputTokens * price.outputPerMillion) /
    1_000_000;
  return { amount: roundMoney(amount), currency: price.currency };
}
