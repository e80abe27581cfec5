// Editing a context item's kind and text, or writing the item that merges several: one form.
import {
  CONTEXT_ITEM_KINDS,
  type ContextItemKind,
  MAX_CONTEXT_ITEM_LENGTH,
} from "@openvibe/schema";
import { type ReactNode, useState } from "react";
import { failureText, KIND_LABEL } from "./item-labels.ts";

export function ItemEditor(props: {
  label: string;
  kind: ContextItemKind;
  text: string;
  saveLabel: string;
  save(kind: ContextItemKind, text: string): Promise<unknown>;
  onDone(): void;
}): ReactNode {
  const [kind, setKind] = useState(props.kind);
  const [text, setText] = useState(props.text);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  return (
    <form
      className="item-editor"
      aria-label={props.label}
      onSubmit={(event) => {
        event.preventDefault();
        setSaving(true);
        props.save(kind, text).then(props.onDone, (error: unknown) => {
          setProblem(failureText(error));
          setSaving(false);
        });
      }}
    >
      <select
        aria-label="Kind"
        value={kind}
        onChange={(e) => setKind(e.target.value as ContextItemKind)}
      >
        {CONTEXT_ITEM_KINDS.map((k) => (
          <option key={k} value={k}>
            {KIND_LABEL[k]}
          </option>
        ))}
      </select>
      <textarea
        aria-label="Text"
        value={text}
        maxLength={MAX_CONTEXT_ITEM_LENGTH}
        rows={3}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" disabled={saving || text.trim() === ""}>
        {props.saveLabel}
      </button>
      <button type="button" onClick={props.onDone}>
        Cancel
      </button>
      {problem !== null && <p className="error">{problem}</p>}
    </form>
  );
}
