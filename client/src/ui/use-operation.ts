// Runs a channel operation from @openvibe/schema and keeps its refusal (a
// ChannelError with a stable code) to show next to the control that caused it.
import { isChannelError } from "@openvibe/schema";
import { useCallback, useState } from "react";

export interface OperationRunner {
  error: string | null;
  /** Runs the operation; false when it was refused. */
  run(operation: () => unknown): boolean;
}

export function useOperation(): OperationRunner {
  const [error, setError] = useState<string | null>(null);
  const run = useCallback((operation: () => unknown) => {
    try {
      operation();
      setError(null);
      return true;
    } catch (caught) {
      if (!isChannelError(caught)) throw caught;
      setError(caught.message);
      return false;
    }
  }, []);
  return { error, run };
}
