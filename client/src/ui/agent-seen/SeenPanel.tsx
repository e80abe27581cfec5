// "What did it see?": the record of a reply's prompt in a modal dialog. The context items (the
// shared memory) as the prompt had them, pinned messages and the conversation as the agent read
// them (a message edited or deleted since is marked so, its text still the one the agent had),
// the related messages found elsewhere, the model asked, and the results of the reply's tool
// calls (from its steps in the document).
import {
  getMessage,
  type MessageView,
  type ReaderPromptRecord,
  recordOfReply,
  type SeenContextItem,
  type SeenMessage,
  type SeenRelated,
  toolStepsOf,
} from "@openvibe/schema";
import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from "react";
import { OfflineError } from "../../api/http.ts";
import { taskApi } from "../../api/task-endpoints.ts";
import type { DocumentReplica } from "../../sync/document-replica.ts";
import { KIND_LABEL } from "../context-items/item-labels.ts";
import { usePeopleById } from "../services.tsx";
import { useChannelView } from "../use-channel.ts";
import { type SeenSince, seenSince } from "./seen-since.ts";
import "./agent-seen.css";

type Loaded =
  | { state: "loading" }
  | { state: "failed"; why: string }
  | { state: "ready"; record: ReaderPromptRecord | null };

const SINCE_LABEL: Record<SeenSince, string> = {
  unchanged: "",
  edited: "edited since",
  deleted: "deleted since",
  unknown: "",
};

function useRecord(taskId: string, replyId: string): Loaded {
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  useEffect(() => {
    let live = true;
    taskApi.prompt(taskId).then(
      (view) => live && setLoaded({ state: "ready", record: recordOfReply(view, replyId) ?? null }),
      (error: unknown) => {
        const why =
          error instanceof OfflineError
            ? "You are offline: what the agent saw is kept on the server."
            : error instanceof Error
              ? error.message
              : String(error);
        if (live) setLoaded({ state: "failed", why });
      },
    );
    return () => {
      live = false;
    };
  }, [taskId, replyId]);
  return loaded;
}

function useAuthorName(): (id: string) => string {
  const people = usePeopleById();
  return (id) => people.get(id)?.displayName ?? id;
}

function SeenMessages(props: {
  title: string;
  messages: readonly SeenMessage[];
  replica: DocumentReplica;
}): ReactNode {
  const { title, messages, replica } = props;
  const authorName = useAuthorName();
  const read = useCallback(
    (r: DocumentReplica) =>
      messages.map((m): MessageView | undefined => getMessage(r.doc, m.messageId)),
    [messages],
  );
  const now = useChannelView(replica, read);
  if (messages.length === 0) return null;
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      <ol className="plain-list">
        {messages.map((message, index) => {
          const current = now[index];
          const since = seenSince(message, current);
          return (
            <li
              key={`${message.part}:${message.messageId}`}
              className="seen-message"
              data-since={since}
            >
              <strong>{authorName(message.authorId)}</strong>
              {SINCE_LABEL[since] !== "" && (
                <span className="seen-since">{SINCE_LABEL[since]}</span>
              )}
              <p className="seen-text">{message.text}</p>
              {since === "edited" && current !== undefined && (
                <details>
                  <summary>How it reads now</summary>
                  <p className="seen-text">{current.body}</p>
                </details>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function SeenElsewhere(props: { related: readonly SeenRelated[]; hidden: number }): ReactNode {
  const { related, hidden } = props;
  const authorName = useAuthorName();
  if (related.length === 0 && hidden === 0) return null;
  return (
    <section aria-label="Related messages elsewhere">
      <h3>Related messages elsewhere</h3>
      {hidden > 0 && (
        <p className="hint">
          {hidden === 1 ? "One is" : `${hidden} are`} in channels you cannot read, not shown.
        </p>
      )}
      <ol className="plain-list">
        {related.map((hit) => (
          <li key={hit.messageId} className="seen-message">
            <strong>
              #{hit.channelName} › {hit.threadTitle}
            </strong>{" "}
            — {authorName(hit.authorId)}, {hit.createdAt.slice(0, 10)}
            <p className="seen-text">{hit.excerpt}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

function SeenItems({ items }: { items: readonly SeenContextItem[] }): ReactNode {
  if (items.length === 0) return null;
  return (
    <section aria-label="Context items">
      <h3>Context items</h3>
      <ol className="plain-list">
        {items.map((item) => (
          <li key={item.itemId} className="seen-message">
            <strong>
              {KIND_LABEL[item.kind]} · {item.scope}
            </strong>
            <p className="seen-text">{item.text}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The results the reply's tool calls gave the model, as its steps in the document keep them. */
function SeenToolResults(props: { replyId: string; replica: DocumentReplica }): ReactNode {
  const { replyId, replica } = props;
  const read = useCallback((r: DocumentReplica) => toolStepsOf(r.doc, replyId), [replyId]);
  const steps = useChannelView(replica, read);
  if (steps.length === 0) return null;
  return (
    <section aria-label="Tool results">
      <h3>Tool results</h3>
      <ol className="plain-list">
        {steps.map((step) => (
          <li key={step.id} className="seen-message">
            <strong>{step.tool}</strong> ({step.status}) <code>{step.input}</code>
            <p className="seen-text">{step.result}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

function RecordView({
  record,
  replica,
}: {
  record: ReaderPromptRecord;
  replica: DocumentReplica;
}): ReactNode {
  const pinned = record.messages.filter((m) => m.part === "pinned");
  const conversation = record.messages.filter((m) => m.part === "conversation");
  return (
    <>
      <p className="seen-model">
        Asked {record.model}
        {record.provider === null ? "" : ` (${record.provider})`} on{" "}
        <time dateTime={record.recordedAt}>{new Date(record.recordedAt).toLocaleString()}</time>
      </p>
      {record.omittedMessages > 0 && (
        <p className="hint">
          {record.omittedMessages} older messages of the prompt are not kept in this record.
        </p>
      )}
      <SeenItems items={record.contextItems} />
      <SeenMessages title="Pinned" messages={pinned} replica={replica} />
      <SeenMessages title="Conversation" messages={conversation} replica={replica} />
      <SeenElsewhere related={record.related} hidden={record.relatedHidden} />
    </>
  );
}

export function SeenPanel(props: {
  taskId: string;
  replyId: string;
  replica: DocumentReplica;
  onClose(): void;
}): ReactNode {
  const { taskId, replyId, replica, onClose } = props;
  const dialog = useRef<HTMLDialogElement | null>(null);
  const titleId = useId();
  const loaded = useRecord(taskId, replyId);
  useEffect(() => {
    const element = dialog.current;
    element?.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} className="agent-seen" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>What the agent saw</h2>
      {loaded.state === "loading" && <p>Loading…</p>}
      {loaded.state === "failed" && <p className="error">{loaded.why}</p>}
      {loaded.state === "ready" && loaded.record === null && (
        <p className="empty">
          Nothing was recorded for this reply: it was written without calling a model, or before
          prompts were recorded.
        </p>
      )}
      {loaded.state === "ready" && loaded.record !== null && (
        <RecordView record={loaded.record} replica={replica} />
      )}
      <SeenToolResults replyId={replyId} replica={replica} />
      <button type="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
