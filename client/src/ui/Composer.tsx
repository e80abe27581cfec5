// Writes a message in Markdown: Enter sends, Shift+Enter starts a new line, Up in an empty
// composer edits one's last message, `@` suggests people and agents to mention, `:` and two
// letters suggest emoji by shortcode. The text is kept as a draft per thread until it is sent.
// When writing is not allowed the composer says why. Near the server's length limit it counts
// down; past it, Send waits. Given `files`, it also takes files (a button, drag and drop, or
// pasting a screenshot): the text becomes their caption, and may then be empty.
import { type Attachment, MAX_BODY_LENGTH } from "@openvibe/schema";
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { loadDraft, saveDraft } from "../local/drafts.ts";
import { useEmojiSource, useMentionSource } from "./composer/sources.tsx";
import { useAutocomplete } from "./composer/use-autocomplete.tsx";
import { AttachedFiles } from "./files/AttachedFiles.tsx";
import type { ComposerFiles } from "./files/use-composer-files.ts";

export interface ComposerProps {
  draftKey: string;
  label: string;
  /** Posts the text (with the files attached); returns false when refused (both stay). */
  onSend(text: string, attachments: readonly Attachment[]): boolean;
  /** Files attached to the message being written; absent: this composer takes none. */
  files?: ComposerFiles | undefined;
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

/** The countdown shows from here on (characters, as the server counts them: UTF-16 units). */
const LIMIT_NOTICE_FROM = MAX_BODY_LENGTH - 2_000;

/** What the composer says about the length, or null while far from the limit. */
export function lengthNote(length: number): string | null {
  if (length < LIMIT_NOTICE_FROM) return null;
  const left = MAX_BODY_LENGTH - length;
  if (left >= 0)
    return `${left.toLocaleString("en")} characters left (a message holds at most ${MAX_BODY_LENGTH.toLocaleString("en")})`;
  return `${(-left).toLocaleString("en")} characters over the limit of ${MAX_BODY_LENGTH.toLocaleString("en")}: shorten the message to send it`;
}

export function Composer(props: ComposerProps): ReactNode {
  const { draftKey, label, onSend, disabled = false, initialText = "" } = props;
  const { disabledReason = null, onTyping, onEditLast, autoFocus = false, files } = props;
  const [text, setText] = useState(initialText);
  const noteId = useId();
  const lengthId = useId();
  const tooLong = text.length > MAX_BODY_LENGTH;
  const length = lengthNote(text.length);
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

  const suggestions = useAutocomplete(text, change, [useMentionSource(), useEmojiSource(text)]);

  const attached = files?.files.flatMap((file) => (file.record === null ? [] : [file.record]));
  const sendable =
    !tooLong &&
    (files === undefined || files.ready) &&
    (text.trim() !== "" || (attached?.length ?? 0) > 0);

  const send = () => {
    if (!sendable || !onSend(text, attached ?? [])) return;
    files?.take();
    change("");
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing || suggestions.onKeyDown(event)) return;
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
      onDragOver={(event) => {
        if (files !== undefined && !disabled && event.dataTransfer.types.includes("Files")) {
          event.preventDefault();
        }
      }}
      onDrop={(event) => {
        if (files === undefined || disabled || event.dataTransfer.files.length === 0) return;
        event.preventDefault();
        files.add([...event.dataTransfer.files]);
      }}
    >
      <textarea
        {...suggestions.inputProps}
        aria-label={label}
        placeholder={`${label} (Markdown; Enter sends, Shift+Enter for a new line)`}
        value={text}
        disabled={disabled}
        aria-describedby={
          disabled && disabledReason !== null ? noteId : length !== null ? lengthId : undefined
        }
        aria-invalid={tooLong || undefined}
        rows={2}
        // biome-ignore lint/a11y/noAutofocus: opened on purpose (editing a message)
        autoFocus={autoFocus}
        onChange={(event) => {
          change(event.target.value);
          suggestions.track(event.target);
        }}
        onKeyDown={onKeyDown}
        onPaste={(event) => {
          if (files === undefined || event.clipboardData.files.length === 0) return;
          event.preventDefault();
          files.add([...event.clipboardData.files]);
        }}
      />
      {suggestions.listbox}
      {files !== undefined && <AttachedFiles files={files} disabled={disabled} />}
      <button type="submit" disabled={disabled || !sendable}>
        Send
      </button>
      {length !== null && (
        <p id={lengthId} className="composer-note" role="status">
          {length}
        </p>
      )}
      {disabled && disabledReason !== null && (
        <p id={noteId} className="composer-note">
          {disabledReason}
        </p>
      )}
    </form>
  );
}
