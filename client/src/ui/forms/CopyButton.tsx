// A secret or link shown in a read-only field, with a button that copies it.
import { type ReactNode, useId } from "react";
import { useCopy } from "./use-copy.ts";

export function CopyField({ label, value }: { label: string; value: string }): ReactNode {
  const id = useId();
  const { copy, outcome } = useCopy(value);
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} readOnly value={value} onFocus={(event) => event.currentTarget.select()} />
      <button type="button" onClick={() => void copy()}>
        Copy
      </button>
      <output aria-live="polite">{outcome}</output>
    </div>
  );
}
