// Writes a message in Markdown: Enter sends, Shift+Enter starts a new line.
// The text is kept as a draft per thread until it is sent.
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { loadDraft, saveDraft } from "../local/drafts.ts";

export interface ComposerProps {
  draftKey: string;
  label: string;
  /** Posts the text; returns false when it was refused (the text stays). */
  onSend(text: string): boolean;
  disabled?: boolean;
  /** Shown when there is no draft, e.g. the body of a message being edited. */
  initialText?: string;
}

export function Composer(props: ComposerProps): ReactNode {
  const { draftKey, label, onSend, disabled = false, initialText = "" } = props;
  const [text, setText] = useState(initialText);
  /** Set once the person types, so a draft read late never overwrites what they wrote. */
  const typed = useRef(false);

  useEffect(() => {
    let current = true;
    typed.current = false;
    setText(initialText);
    void loadDraft(draftKey).then((draft) => {
      if (current && !typed.current && draft !== "") setText(draft);
    });
    return () => {
      current = false;
    };
  }, [draftKey, initialText]);

  const change = (next: string) => {
    typed.current = true;
    setText(next);
    void saveDraft(draftKey, next);
  };

  const send = () => {
    if (text.trim() === "" || !onSend(text)) return;
    change("");
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  };

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <textarea
        aria-label={label}
        placeholder={`${label} (Markdown; Enter sends, Shift+Enter for a new line)`}
        value={text}
        disabled={disabled}
        rows={2}
        onChange={(event) => change(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" disabled={disabled || text.trim() === ""}>
        Send
      </button>
    </form>
  );
}
