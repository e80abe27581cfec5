// Preferences: how much room files seen keep on this device for offline viewing, how much they
// use now, and a button to clear them (files not yet uploaded stay in the outbox regardless).
import { type ReactNode, useId } from "react";
import { useObservable } from "../../state/observable.ts";
import { useFiles } from "./files-context.tsx";
import { formatBytes } from "./format.ts";

const BUDGETS_MB = [50, 200, 500, 1000, 4000] as const;

export function OfflineFiles(): ReactNode {
  const { cache } = useFiles();
  const usage = useObservable(cache.usage);
  const budgetId = useId();
  return (
    <>
      <h2>Files offline</h2>
      <p role="status">
        Files and images you have seen use {formatBytes(usage.bytes)} ({usage.files} kept) of{" "}
        {formatBytes(usage.budget)} on this device.
      </p>
      <div className="field">
        <label htmlFor={budgetId}>Keep at most</label>
        <select
          id={budgetId}
          value={usage.budget}
          onChange={(event) => void cache.setBudget(Number(event.target.value))}
        >
          {BUDGETS_MB.map((mb) => (
            <option key={mb} value={mb * 1024 * 1024}>
              {formatBytes(mb * 1024 * 1024)}
            </option>
          ))}
        </select>
      </div>
      <button type="button" onClick={() => void cache.clear()}>
        Clear files kept offline
      </button>
    </>
  );
}
