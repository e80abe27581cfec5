// "Copy link": puts a link to one message on the clipboard and says so for a moment.
import { type ReactNode, useEffect, useState } from "react";
import { type MessageAddress, messageLink } from "./message-link.ts";

const CONFIRM_MS = 2_000;

export function CopyLinkButton({ address }: { address: MessageAddress }): ReactNode {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = () => {
    const link = messageLink(window.location.origin, address);
    navigator.clipboard.writeText(link).then(
      () => setState("copied"),
      () => setState("failed"),
    );
  };
  return (
    <button type="button" onClick={copy}>
      {state === "idle" ? "Copy link" : state === "copied" ? "Link copied" : "Copy failed"}
    </button>
  );
}
