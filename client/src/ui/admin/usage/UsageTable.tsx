// The usage report's rows (per day, agent, channel, provider and model) with what they cost, and
// the totals. A row without a price says so and offers to set one.
import type { AgentUsageDay, AgentUsageReport, ModelProviderName } from "@openvibe/schema";
import type { ReactNode } from "react";
import { formatCosts, formatMoney, formatTokens } from "./money.ts";

export interface UsageNames {
  agent(id: string): string;
  channel(id: string): string;
}

function Cost(props: {
  row: AgentUsageDay;
  onPrice(provider: ModelProviderName, model: string): void;
}): ReactNode {
  const { row, onPrice } = props;
  if (row.cost !== null) return formatMoney(row.cost);
  const { provider, model } = row;
  if (provider === null || model === null) return <span className="unpriced">no model called</span>;
  return (
    <>
      <span className="unpriced">no price</span>{" "}
      <button
        type="button"
        aria-label={`Set the price of ${model}`}
        onClick={() => onPrice(provider, model)}
      >
        Set price
      </button>
    </>
  );
}

function unpricedNote(report: AgentUsageReport): string {
  const { unpricedInputTokens: input, unpricedOutputTokens: output } = report.totals;
  if (input + output === 0) return "";
  return ` (plus ${formatTokens(input)} input and ${formatTokens(output)} output tokens without a price)`;
}

export function UsageTable(props: {
  report: AgentUsageReport;
  names: UsageNames;
  onPrice(provider: ModelProviderName, model: string): void;
}): ReactNode {
  const { report, names, onPrice } = props;
  if (report.days.length === 0) return <p className="empty">No agent tasks in this period.</p>;
  const { totals } = report;
  return (
    // Wider than the page on narrow screens: it scrolls sideways, and takes focus to do so.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="usage-scroll" aria-label="Usage, by day" tabIndex={0}>
      <table className="usage-table" aria-label="Usage">
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Agent</th>
            <th scope="col">Channel</th>
            <th scope="col">Model</th>
            <th scope="col">Tasks</th>
            <th scope="col">Input tokens</th>
            <th scope="col">Output tokens</th>
            <th scope="col">Cost</th>
          </tr>
        </thead>
        <tbody>
          {report.days.map((row) => (
            <tr key={`${row.day}|${row.agentId}|${row.channelId}|${row.provider}|${row.model}`}>
              <td>{row.day}</td>
              <td>{names.agent(row.agentId)}</td>
              <td>{names.channel(row.channelId)}</td>
              <td>{row.model === null ? "—" : `${row.model} (${row.provider ?? "?"})`}</td>
              <td>{row.tasks}</td>
              <td>{formatTokens(row.inputTokens)}</td>
              <td>{formatTokens(row.outputTokens)}</td>
              <td>
                <Cost row={row} onPrice={onPrice} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4}>
              Total
            </th>
            <td>{totals.tasks}</td>
            <td>{formatTokens(totals.inputTokens)}</td>
            <td>{formatTokens(totals.outputTokens)}</td>
            <td data-testid="usage-total-cost">
              {formatCosts(totals.cost)}
              {unpricedNote(report)}
            </td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
