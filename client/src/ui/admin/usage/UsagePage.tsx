// Agents' usage and what it cost: a chart of tokens and cost per day, the report's rows with
// their cost and the totals, and the price table that turns tokens into money.
import type { ModelProviderName } from "@openvibe/schema";
import { lazy, type ReactNode, Suspense, useCallback, useState } from "react";
import { usageApi } from "../../../api/admin-endpoints.ts";
import { useObservable } from "../../../state/observable.ts";
import { useCachedQuery } from "../../forms/cached-query.ts";
import { OfflineNotice } from "../../forms/OfflineNotice.tsx";
import { usePeopleById, useServices } from "../../services.tsx";
import type { PriceDraft } from "./PriceForm.tsx";
import { PriceTable } from "./PriceTable.tsx";
import { type UsageNames, UsageTable } from "./UsageTable.tsx";
import "./usage.css";

// Recharts is loaded only when an admin opens this page.
const UsageChart = lazy(() => import("./UsageChart.tsx"));

const PERIODS = [7, 30, 90] as const;

function useUsageNames(): UsageNames {
  const people = usePeopleById();
  const channels = useObservable(useServices().store.channels);
  return {
    agent: (id) => {
      const agent = people.get(id);
      return agent === undefined ? id : `@${agent.handle}`;
    },
    channel: (id) => {
      const channel = channels.find((each) => each.id === id);
      return channel === undefined ? id : `#${channel.name}`;
    },
  };
}

export function UsagePage(): ReactNode {
  const [days, setDays] = useState<number>(30);
  const loadReport = useCallback(() => usageApi.report(days), [days]);
  const report = useCachedQuery(`admin:usage:${days}`, loadReport);
  const prices = useCachedQuery("admin:prices", usageApi.prices);
  const [draft, setDraft] = useState({
    key: "new",
    value: { provider: "anthropic" } as PriceDraft,
  });
  const names = useUsageNames();
  const edit = (value: PriceDraft) => setDraft({ key: `${Date.now()}`, value });
  const priceModel = (provider: ModelProviderName, model: string) => edit({ provider, model });
  const changed = () => {
    setDraft({ key: `${Date.now()}`, value: { provider: "anthropic" } });
    void prices.reload();
    void report.reload();
  };
  const data = report.data;
  const currencies = data?.totals.cost.map((each) => each.currency) ?? [];
  const models = [...new Set(data?.days.flatMap((row) => (row.model === null ? [] : [row.model])))];
  return (
    <>
      <OfflineNotice offline={report.offline || prices.offline} />
      <label className="usage-period">
        Period{" "}
        <select value={days} onChange={(event) => setDays(Number(event.target.value))}>
          {PERIODS.map((each) => (
            <option key={each} value={each}>
              last {each} days
            </option>
          ))}
        </select>
      </label>
      {report.error !== null && <p className="error">{report.error}</p>}
      {data !== null && (
        <>
          <h2>Tokens and cost per day</h2>
          <figure className="usage-chart">
            <Suspense fallback={<p>Loading the chart…</p>}>
              <UsageChart
                perDay={data.perDay}
                currency={currencies.length === 1 ? (currencies[0] ?? null) : null}
              />
            </Suspense>
            <figcaption>
              Input and output tokens per day
              {currencies.length === 1 ? `, and their cost in ${currencies[0]}` : ""}
              {currencies.length > 1 ? " (costs in several currencies: see the table)" : ""}.
            </figcaption>
          </figure>
          <h2>Usage</h2>
          <UsageTable report={data} names={names} onPrice={priceModel} />
        </>
      )}
      <h2>Prices</h2>
      <p className="hint">
        Per million tokens, per provider and model. The report prices all its tokens at today's
        table; a model without a price has no cost.
      </p>
      <PriceTable
        prices={prices.data ?? []}
        models={models}
        draft={draft}
        onEdit={edit}
        onChanged={changed}
      />
    </>
  );
}
