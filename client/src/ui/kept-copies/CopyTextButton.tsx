// A button that copies a text, and says whether it worked.
import type { ReactNode } from "react";
import { useCopy } from "../forms/use-copy.ts";

export function CopyTextButton({ text, label }: { text: string; label: string }): ReactNode {
  const { copy, outcome } = useCopy(text);
  return (
    <>
      <button type="button" aria-label={label} onClick={() => void copy()}>
        Copy
      </button>{" "}
      <output aria-live="polite">{outcome}</output>
    </>
  );
}
