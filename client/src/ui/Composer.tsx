// Writes a message in Markdown: Enter sends, Shift+Enter starts a new line,
// Up in an empty composer edits one's last message, `@` suggests people and
// agents to mention. The text is kept as a draft per thread until it is sent. When writing is not allowed the
// composer says why.
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { loadDraft, saveDraft } from "../local/drafts.ts";
import { useMentionAutocomplete } from "./composer/use-mention-autocomplete.tsx";

export interface ComposerProps {
  draftKey: string;
  label: string;
  /** Posts the text; returns false when it was refused (the text stays). */
  onSend(text: string): boolean;
  disabled?: boolean;
  /** Why the composer is disabled, shown beside it. */
  disabledReason?: string | null;
  /** Shown when there is no draft, e.g. the body of a message being edited. */
  initialText?: string;
  /** Told whether the person is typing (text being written) or stopped (sent or cleared). */
  onTyping?: (typing: boolean) => void;
  /** Up in an empty composer: edit the last message. */
  onEditLast?: () => void;
  autoFocus?: boolean;
}

export function Composer(props: ComposerProps): ReactNode {
  const { draftKey, label, onSend, disabled = false, initialText = "" } = props;
  const { disabledReason = null, onTyping, onEditLast, autoFocus = false } = props;
  const [text, setText] = useState(initialText);
  const noteId = useId();
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
    onTyping?.(next.trim() !== "");
    void saveDraft(draftKey, next);
  };

  const mentions = useMentionAutocomplete(text, change);

  const send = () => {
    if (text.trim() === "" || !onSend(text)) return;
    change("");
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing || mentions.onKeyDown(event)) return;
    if (event.key === "ArrowUp" && text === "" && onEditLast !== undefined) {
      event.preventDefault();
      onEditLast();
    } else if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      send();
    }
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
        {...mentions.inputProps}
        aria-label={label}
        placeholder={`${label} (Markdown; Enter sends, Shift+Enter for a new line)`}
        value={text}
        disabled={disabled}
        aria-describedby={disabled && disabledReason !== null ? noteId : undefined}
        rows={2}
        // biome-ignore lint/a11y/noAutofocus: opened on purpose (editing a message)
        autoFocus={autoFocus}
        onChange={(event) => {
          change(event.target.value);
          mentions.track(event.target);
        }}
        onKeyDown={onKeyDown}
      />
      {mentions.listbox}
      <button type="submit" disabled={disabled || text.trim() === ""}>
        Send
      </button>
      {disabled && disabledReason !== null && (
        <p id={noteId} className="composer-note">
          {disabledReason}
        </p>
      )}
    </form>
  );
}
