// "Remember this" among a message's actions: opens the form that makes a context item of it,
// and says so once it is saved.
import type { MessageView } from "@openvibe/schema";
import { type ReactNode, useState } from "react";
import { useObservable } from "../../state/observable.ts";
import { useServices } from "../services.tsx";
import { RememberForm, type RememberOutcome } from "./RememberForm.tsx";

export function RememberButton(props: { channelId: string; message: MessageView }): ReactNode {
  const { channelId, message } = props;
  const { store } = useServices();
  const channel = useObservable(store.channels).find((c) => c.id === channelId);
  const [open, setOpen] = useState(false);
  const [remembered, setRemembered] = useState<RememberOutcome | null>(null);
  if (message.deleted) return null;
  return (
    <>
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open}>
        Remember this
      </button>
      {remembered !== null && !open && (
        <output className="remembered">
          {remembered === "saved"
            ? "Remembered."
            : "Saved on this device: it will be remembered once the server can be reached."}
        </output>
      )}
      {open && (
        <RememberForm
          channelId={channelId}
          message={message}
          shareable={channel?.visibility === "public"}
          onDone={(saved) => {
            setOpen(false);
            setRemembered(saved);
          }}
        />
      )}
    </>
  );
}
