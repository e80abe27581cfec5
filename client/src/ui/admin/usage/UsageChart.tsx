// Tokens per day as stacked bars (input, output) and, when every priced row is in one currency,
// what they cost as a line on its own axis. Drawn with Recharts (SVG), loaded only with this page.
import type { UsageDayTotals } from "@openvibe/schema";
import type { ReactNode } from "react";
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatMoney } from "./money.ts";

const compact = new Intl.NumberFormat(undefined, { notation: "compact" });
const axisTokens = (tokens: number) => compact.format(tokens);

export interface UsageChartProps {
  perDay: readonly UsageDayTotals[];
  /** The currency of the cost line; null: no line (no prices, or several currencies). */
  currency: string | null;
}

function points(perDay: readonly UsageDayTotals[], currency: string | null) {
  return perDay.map((day) => ({
    day: day.day,
    inputTokens: day.inputTokens,
    outputTokens: day.outputTokens,
    cost: day.cost.find((each) => each.currency === currency)?.amount ?? null,
  }));
}

export default function UsageChart({ perDay, currency }: UsageChartProps): ReactNode {
  const money = (amount: number) => formatMoney({ amount, currency: currency ?? "USD" });
  return (
    <ResponsiveContainer width="100%" height={260}>
      <ComposedChart data={points(perDay, currency)} margin={{ top: 8, right: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="day" />
        <YAxis yAxisId="tokens" tickFormatter={axisTokens} />
        {currency !== null && <YAxis yAxisId="cost" orientation="right" tickFormatter={money} />}
        <Tooltip
          formatter={(value, name) =>
            name === "Cost" && typeof value === "number" ? money(value) : String(value)
          }
        />
        <Legend />
        <Bar
          yAxisId="tokens"
          dataKey="inputTokens"
          name="Input tokens"
          stackId="t"
          fill="var(--accent)"
          maxBarSize={48}
        />
        <Bar
          yAxisId="tokens"
          dataKey="outputTokens"
          name="Output tokens"
          stackId="t"
          fill="var(--agent)"
          maxBarSize={48}
        />
        {currency !== null && (
          <Line yAxisId="cost" dataKey="cost" name="Cost" stroke="var(--warn)" strokeWidth={2} />
        )}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
