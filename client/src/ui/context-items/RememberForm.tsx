// "Remember this" on a message: a small form under it (kind, scope, the text, prefilled with the
// message and editable) that makes a context item of the channel's shared memory. The workspace
// scope is offered only in public channels: a private channel's words stay with its members.
// Offline, the request waits in the person's queue (state/remember-queue.ts) and is sent when the
// server is back; its item id is chosen here, so it makes one item however often it is sent.
import {
  CONTEXT_ITEM_KINDS,
  CONTEXT_SCOPES,
  type ContextItemKind,
  type ContextScope,
  itemTextOf,
  MAX_CONTEXT_ITEM_LENGTH,
  type MessageView,
} from "@openvibe/schema";
import { type ReactNode, useState } from "react";
import { contextItemApi } from "../../api/context-item-endpoints.ts";
import { OfflineError } from "../../api/http.ts";
import { useSignedIn } from "../services.tsx";
import { failureText, KIND_LABEL, SCOPE_LABEL } from "./item-labels.ts";

/** Saved on the server, or queued on this device until it can be reached. */
export type RememberOutcome = "saved" | "queued";

export function RememberForm(props: {
  channelId: string;
  message: MessageView;
  /** Whether the channel is public (the workspace scope is offered). */
  shareable: boolean;
  /** Called once saved (or queued, offline), or with null when cancelled. */
  onDone(saved: RememberOutcome | null): void;
}): ReactNode {
  const { channelId, message, shareable, onDone } = props;
  const { rememberQueue } = useSignedIn();
  const [itemId] = useState(() => crypto.randomUUID());
  const [kind, setKind] = useState<ContextItemKind>("decision");
  const [scope, setScope] = useState<ContextScope>("channel");
  const [text, setText] = useState(() => itemTextOf(message.body));
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const scopes = CONTEXT_SCOPES.filter((s) => s !== "workspace" || shareable);
  return (
    <form
      className="remember-form"
      aria-label="Remember this"
      onSubmit={(event) => {
        event.preventDefault();
        setSaving(true);
        const request = {
          kind,
          scope,
          text,
          threadId: message.threadId,
          forkId: message.forkId,
          messageId: message.id,
          itemId,
        };
        contextItemApi
          .remember(channelId, request)
          .then(
            (): RememberOutcome => "saved",
            async (error: unknown): Promise<RememberOutcome> => {
              if (!(error instanceof OfflineError)) throw error;
              await rememberQueue.add(channelId, request);
              return "queued";
            },
          )
          .then(onDone, (error: unknown) => {
            setProblem(failureText(error));
            setSaving(false);
          });
      }}
    >
      <label>
        Kind{" "}
        <select value={kind} onChange={(e) => setKind(e.target.value as ContextItemKind)}>
          {CONTEXT_ITEM_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        For{" "}
        <select value={scope} onChange={(e) => setScope(e.target.value as ContextScope)}>
          {scopes.map((s) => (
            <option key={s} value={s}>
              {SCOPE_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      <textarea
        aria-label="What to remember"
        value={text}
        maxLength={MAX_CONTEXT_ITEM_LENGTH}
        rows={3}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" disabled={saving || text.trim() === ""}>
        Remember
      </button>
      <button type="button" onClick={() => onDone(null)}>
        Cancel
      </button>
      {problem !== null && <p className="error">{problem}</p>}
    </form>
  );
}
