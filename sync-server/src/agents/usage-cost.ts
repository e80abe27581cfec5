// Tokens into money for the usage report: each row at its (provider, model)'s price, or no cost
// when the table has none; sums per currency, with the tokens no price covers counted apart.
import {
  type AgentUsageDay,
  costAt,
  type ModelPriceView,
  type Money,
  roundMoney,
  type UsageDayTotals,
  type UsageTotals,
} from "@openvibe/schema";
import { priceKey } from "./model-prices.ts";

export type UnpricedUsageDay = Omit<AgentUsageDay, "cost">;

export function priceRows(
  rows: readonly UnpricedUsageDay[],
  prices: ReadonlyMap<string, ModelPriceView>,
): AgentUsageDay[] {
  return rows.map((row) => {
    const price =
      row.provider === null || row.model === null
        ? undefined
        : prices.get(priceKey(row.provider, row.model));
    return { ...row, cost: price === undefined ? null : costAt(price, row) };
  });
}

function sumMoney(amounts: readonly Money[]): Money[] {
  const byCurrency = new Map<string, number>();
  for (const { amount, currency } of amounts) {
    byCurrency.set(currency, (byCurrency.get(currency) ?? 0) + amount);
  }
  return [...byCurrency]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => ({ amount: roundMoney(amount), currency }));
}

export function totalsOf(rows: readonly AgentUsageDay[]): UsageTotals {
  const unpriced = rows.filter((row) => row.cost === null);
  const sum = (list: readonly AgentUsageDay[], pick: (row: AgentUsageDay) => number) =>
    list.reduce((total, row) => total + pick(row), 0);
  return {
    tasks: sum(rows, (row) => row.tasks),
    inputTokens: sum(rows, (row) => row.inputTokens),
    outputTokens: sum(rows, (row) => row.outputTokens),
    cost: sumMoney(rows.flatMap((row) => (row.cost === null ? [] : [row.cost]))),
    unpricedInputTokens: sum(unpriced, (row) => row.inputTokens),
    unpricedOutputTokens: sum(unpriced, (row) => row.outputTokens),
  };
}

/** Totals per day, in the rows' order of days. */
export function totalsPerDay(rows: readonly AgentUsageDay[]): UsageDayTotals[] {
  const byDay = new Map<string, AgentUsageDay[]>();
  for (const row of rows) byDay.set(row.day, [...(byDay.get(row.day) ?? []), row]);
  return [...byDay].map(([day, dayRows]) => ({ day, ...totalsOf(dayRows) }));
}
