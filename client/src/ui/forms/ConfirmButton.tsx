// A button for a consequential action that asks once more, in place, before
// acting (no browser dialog: keyboard and screen readers stay in the page).
import { type ReactNode, useState } from "react";

export interface ConfirmButtonProps {
  label: string;
  /** The question asked, naming what will happen. */
  question: string;
  disabled?: boolean;
  onConfirm(): void;
}

export function ConfirmButton(props: ConfirmButtonProps): ReactNode {
  const { label, question, disabled = false, onConfirm } = props;
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <fieldset className="confirm">
      <legend>{question}</legend>
      <button
        type="button"
        className="danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        Confirm
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </fieldset>
  );
}
