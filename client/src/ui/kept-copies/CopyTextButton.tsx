// A button that copies a text, and says whether it worked.
import { type ReactNode, useState } from "react";

export function CopyTextButton({ text, label }: { text: string; label: string }): ReactNode {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <>
      <button type="button" aria-label={label} onClick={() => void copy()}>
        Copy
      </button>{" "}
      <output aria-live="polite">
        {copied === "yes" && "Copied."}
        {copied === "failed" && "Copying was refused: select the text and copy it."}
      </output>
    </>
  );
}
