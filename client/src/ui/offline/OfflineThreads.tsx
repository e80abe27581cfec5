// Preferences: how many of each joined channel's recent threads this device fetches for reading
// offline, how much room thread documents may take (beyond it the least recently used go, never
// one with unsent changes or open), and how much they take now.
import { type ReactNode, useId } from "react";
import { heldDocumentsOf } from "../../offline/local-document.ts";
import { offlineSettings } from "../../offline/use-offline-keeper.ts";
import { useObservable } from "../../state/observable.ts";
import { formatBytes } from "../files/format.ts";
import { useSignedIn } from "../services.tsx";

const THREAD_COUNTS = [0, 10, 50, 100, 200] as const;
const BUDGETS_MB = [50, 200, 500, 1000, 4000] as const;

export function OfflineThreads(): ReactNode {
  const { me } = useSignedIn();
  const settings = offlineSettings();
  const threadsPerChannel = useObservable(settings.threadsPerChannel);
  const budget = useObservable(settings.budgetBytes);
  const usage = useObservable(heldDocumentsOf(me.id).usage);
  const countId = useId();
  const budgetId = useId();
  return (
    <>
      <h2>Threads offline</h2>
      <p role="status">
        {usage.threads === 1 ? "1 thread" : `${usage.threads} threads`} kept on this device use{" "}
        {formatBytes(usage.bytes)} of {formatBytes(budget)}.
      </p>
      <div className="field">
        <label htmlFor={countId}>Recent threads to keep per channel</label>
        <select
          id={countId}
          value={threadsPerChannel}
          onChange={(event) => settings.setThreadsPerChannel(Number(event.target.value))}
        >
          {THREAD_COUNTS.map((count) => (
            <option key={count} value={count}>
              {count}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={budgetId}>Room for threads</label>
        <select
          id={budgetId}
          value={budget}
          onChange={(event) => settings.setBudgetBytes(Number(event.target.value))}
        >
          {BUDGETS_MB.map((mb) => (
            <option key={mb} value={mb * 1024 * 1024}>
              {formatBytes(mb * 1024 * 1024)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
