// A channel's Context panel: the shared memory as seen from the channel (its threads' items, its
// own, the workspace's), newest first, with a filter box (the server matches every word). Items
// the reader manages (their own; every item for admins) can be edited, deleted, and two or more
// selected and merged into one. Each links to the message it came from. Offline it shows the
// copy last fetched, read only, above it what "Remember this" made offline waits to be sent.
import type { ContextItemView } from "@openvibe/schema";
import { type ReactNode, useState } from "react";
import { contextItemApi } from "../../api/context-item-endpoints.ts";
import { ConfirmButton } from "../ConfirmButton.tsx";
import { MessageAnchor } from "../MessageAnchor.tsx";
import { ItemEditor } from "./ItemEditor.tsx";
import { failureText, KIND_LABEL, SCOPE_TAG } from "./item-labels.ts";
import { QueuedItems } from "./QueuedItems.tsx";
import { useContextItems } from "./use-context-items.ts";
import "./context-items.css";

const SOURCE_LABEL: Record<ContextItemView["source"], string> = {
  message: "the message",
  fork: "the resolution",
  agent: "where it was asked",
  merge: "",
};

/** A link to the message an item came from, when it has one. */
function SourceLink({ item }: { item: ContextItemView }): ReactNode {
  const { sourceChannelId, sourceThreadId, sourceMessageId } = item;
  if (sourceChannelId === null || sourceThreadId === null || sourceMessageId === null) return null;
  const address = {
    channelId: sourceChannelId,
    threadId: sourceThreadId,
    forkId: item.sourceMessageForkId,
    messageId: sourceMessageId,
  };
  return (
    <p className="context-item-source">
      <MessageAnchor address={address}>Open {SOURCE_LABEL[item.source]}</MessageAnchor>
    </p>
  );
}

function ItemRow(props: {
  item: ContextItemView;
  /** Offline: the item is shown, not changed (changes need the server). */
  readOnly: boolean;
  selected: boolean;
  onSelect(selected: boolean): void;
  onChanged(): void;
  onProblem(problem: string): void;
}): ReactNode {
  const { item, onChanged } = props;
  const [editing, setEditing] = useState(false);
  return (
    <li className="context-item" data-kind={item.kind} aria-label={item.text}>
      <p className="context-item-meta">
        <span className="context-kind">{KIND_LABEL[item.kind]}</span> · {SCOPE_TAG[item.scope]} · by{" "}
        {item.author.displayName} ·{" "}
        <time dateTime={item.updatedAt}>{new Date(item.updatedAt).toLocaleDateString()}</time>
      </p>
      <SourceLink item={item} />
      {editing ? (
        <ItemEditor
          label="Edit item"
          kind={item.kind}
          text={item.text}
          saveLabel="Save"
          save={(kind, text) => contextItemApi.update(item.id, { kind, text })}
          onDone={() => {
            setEditing(false);
            onChanged();
          }}
        />
      ) : (
        <p className="context-item-text">{item.text}</p>
      )}
      {item.canManage && !props.readOnly && !editing && (
        <div className="actions">
          <label>
            <input
              type="checkbox"
              checked={props.selected}
              onChange={(e) => props.onSelect(e.target.checked)}
            />{" "}
            Select
          </label>
          <button type="button" onClick={() => setEditing(true)}>
            Edit
          </button>
          <ConfirmButton
            label="Delete"
            question="Delete this item?"
            confirmLabel="Yes, delete"
            onConfirm={() =>
              contextItemApi.remove(item.id).then(onChanged, (error: unknown) => {
                props.onProblem(failureText(error));
              })
            }
          />
        </div>
      )}
    </li>
  );
}

export function ContextPanel({ channelId }: { channelId: string }): ReactNode {
  const [q, setQ] = useState("");
  const { loaded, reload } = useContextItems(channelId, q);
  const [selected, setSelected] = useState<string[]>([]);
  const [merging, setMerging] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const items = loaded.state === "ready" ? loaded.items : [];
  const chosen = items.filter((item) => selected.includes(item.id));
  const changed = () => {
    setProblem(null);
    setSelected((ids) => ids.filter((id) => items.some((item) => item.id === id)));
    reload();
  };
  return (
    <section className="context-panel" aria-label="Context">
      <input
        type="search"
        aria-label="Filter context items"
        placeholder="Filter decisions, facts, action items"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {loaded.state === "loading" && <p>Loading…</p>}
      {loaded.state === "failed" && <p className="error">{loaded.why}</p>}
      {loaded.state === "ready" && loaded.offlineSince !== null && (
        <p className="hint">
          Offline: as of {new Date(loaded.offlineSince).toLocaleString()}. Changes need the server.
        </p>
      )}
      {loaded.state === "ready" && items.length === 0 && (
        <p className="empty">
          {q.trim() === ""
            ? "Nothing remembered yet: use “Remember this” on a message, resolve a side discussion, or ask an agent to remember."
            : "No item holds these words."}
        </p>
      )}
      {chosen.length >= 2 && !merging && (
        <button type="button" onClick={() => setMerging(true)}>
          Merge {chosen.length} items
        </button>
      )}
      {merging && chosen.length >= 2 && (
        <ItemEditor
          label="Merge items"
          kind={chosen[0]?.kind ?? "fact"}
          text={chosen.map((item) => item.text).join("\n")}
          saveLabel="Merge"
          save={(kind, text) =>
            contextItemApi.merge({ ids: chosen.map((item) => item.id), kind, text })
          }
          onDone={() => {
            setMerging(false);
            setSelected([]);
            changed();
          }}
        />
      )}
      {problem !== null && <p className="error">{problem}</p>}
      <QueuedItems channelId={channelId} />
      <ol className="plain-list context-items">
        {items.map((item) => (
          <ItemRow
            key={item.id}
            item={item}
            readOnly={loaded.state === "ready" && loaded.offlineSince !== null}
            selected={selected.includes(item.id)}
            onSelect={(on) =>
              setSelected((ids) => (on ? [...ids, item.id] : ids.filter((id) => id !== item.id)))
            }
            onChanged={changed}
            onProblem={setProblem}
          />
        ))}
      </ol>
    </section>
  );
}
