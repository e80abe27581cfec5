// Amounts of money as people read them: in their currency's notation, to the millionth the
// server keeps at most, and at least to the cent.
import type { Money } from "@openvibe/schema";

export function formatMoney({ amount, currency }: Money): string {
  return new Intl.NumberFormat(undefined, {
    style: "currency",
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 6,
  }).format(amount);
}

/** Sums in several currencies, joined; "—" when there is none. */
export function formatCosts(costs: readonly Money[]): string {
  return costs.length === 0 ? "—" : costs.map(formatMoney).join(" + ");
}

export function formatTokens(tokens: number): string {
  return tokens.toLocaleString();
}
