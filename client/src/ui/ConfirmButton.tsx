// A destructive action that asks first: pressing it shows the question in place with "Yes, …"
// (focused) and "Cancel"; Cancel or Esc goes back without doing anything.
import { type ReactNode, useEffect, useRef, useState } from "react";

export interface ConfirmButtonProps {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm(): void;
}

export function ConfirmButton(props: ConfirmButtonProps): ReactNode {
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    if (asking) confirm.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button type="button" onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <fieldset
      className="confirm"
      aria-label={props.question}
      onKeyDown={(event) => {
        if (event.key !== "Escape") return;
        event.stopPropagation();
        setAsking(false);
      }}
    >
      <legend>{props.question}</legend>
      <button
        ref={confirm}
        type="button"
        className="danger"
        onClick={() => {
          setAsking(false);
          props.onConfirm();
        }}
      >
        {props.confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </fieldset>
  );
}
