// A secret or link shown in a read-only field, with a button that copies it.
import { type ReactNode, useId, useState } from "react";

export function CopyField({ label, value }: { label: string; value: string }): ReactNode {
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} readOnly value={value} onFocus={(event) => event.currentTarget.select()} />
      <button type="button" onClick={() => void copy()}>
        Copy
      </button>
      <output aria-live="polite">
        {copied === "yes" && "Copied."}
        {copied === "failed" && "Copying was refused: select the text and copy it."}
      </output>
    </div>
  );
}
