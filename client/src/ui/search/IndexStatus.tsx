// Shown while the browser index catches up (first visit, a new index format, or channels that
// changed since the index was saved): how far it has come.
import type { ReactNode } from "react";
import type { IndexProgress } from "../../search/index-progress.ts";
import { Observable, useObservable } from "../../state/observable.ts";
import { useSearchServices } from "./context.ts";

const NO_PROGRESS = new Observable<IndexProgress | null>(null);

export function IndexStatus(): ReactNode {
  const services = useSearchServices();
  const progress = useObservable(services?.index.progress ?? NO_PROGRESS);
  if (progress === null) return null;
  const label = progress.rebuilding ? "Building the search index" : "Updating the search index";
  return (
    <div className="index-status">
      <label>
        {label}: {progress.done} of {progress.total} messages{" "}
        <progress value={progress.done} max={Math.max(progress.total, 1)} />
      </label>
    </div>
  );
}
