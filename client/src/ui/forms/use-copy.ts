// Copying a text to the clipboard, and what to say about it afterwards.
import { useState } from "react";

export interface Copying {
  copy(): Promise<void>;
  /** "Copied.", the refusal in words, or "" before any copy. */
  outcome: string;
}

export function useCopy(text: string): Copying {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  };
  const outcome =
    copied === "yes"
      ? "Copied."
      : copied === "failed"
        ? "Copying was refused: select the text and copy it."
        : "";
  return { copy, outcome };
}
