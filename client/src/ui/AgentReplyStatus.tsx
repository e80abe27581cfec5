// The state of an agent's reply: "writing…" with a Stop button while it
// streams (a stop request is a document write, so it works offline), the
// model and token usage when finished, "stopped" when cancelled, and the
// reason with a Retry button when it failed. Once retried (the same task
// wrote a later reply), it links to that reply instead, for everyone. A
// finished reply offers "What did it see?" (agent-seen/).
import { isStopRequested, type MessageView, requestStop } from "@openvibe/schema";
import { type ReactNode, useState } from "react";
import { ApiError, OfflineError } from "../api/http.ts";
import { taskApi } from "../api/task-endpoints.ts";
import type { DocumentReplica } from "../sync/document-replica.ts";
import { SeenButton } from "./agent-seen/SeenButton.tsx";
import { MessageAnchor } from "./MessageAnchor.tsx";
import { useSignedIn } from "./services.tsx";
import { useOperation } from "./use-operation.ts";

export function isRunning(message: MessageView): boolean {
  return message.task?.status === "queued" || message.task?.status === "running";
}

function describeRetryFailure(error: unknown): string {
  if (error instanceof OfflineError) return "Retrying needs the network.";
  if (error instanceof ApiError && error.status === 404) {
    return "This server cannot retry agent replies yet.";
  }
  if (error instanceof ApiError && error.status === 409) {
    return "Someone already retried this reply; the new one appears below.";
  }
  if (error instanceof ApiError) return error.message;
  throw error;
}

function RetryButton({ taskId }: { taskId: string }): ReactNode {
  const [state, setState] = useState<"idle" | "busy" | "queued">("idle");
  const [error, setError] = useState<string | null>(null);
  const retry = async () => {
    setState("busy");
    try {
      await taskApi.retry(taskId);
      setState("queued");
      setError(null);
    } catch (caught) {
      setError(describeRetryFailure(caught));
      setState("idle");
    }
  };
  if (state === "queued") return <span className="retry-queued">retry queued</span>;
  return (
    <>
      <button type="button" disabled={state === "busy"} onClick={() => void retry()}>
        Retry
      </button>
      {error !== null && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

/** What a failed or stopped reply offers: a link to its retry, or (failed) a Retry button. */
function RetryState(props: { message: MessageView; channelId: string }): ReactNode {
  const { message, channelId } = props;
  const task = message.task;
  if (task === null) return null;
  if (task.retriedBy !== null) {
    const address = {
      channelId,
      threadId: message.threadId,
      forkId: message.forkId,
      messageId: task.retriedBy,
    };
    return (
      <span className="retried">
        <MessageAnchor address={address}>retried</MessageAnchor>
      </span>
    );
  }
  return task.status === "failed" ? <RetryButton taskId={task.taskId} /> : null;
}

function Usage({ message }: { message: MessageView }): ReactNode {
  const usage = message.task?.usage;
  if (usage === null || usage === undefined) return null;
  return (
    <span className="usage">
      {usage.inputTokens.toLocaleString()} in · {usage.outputTokens.toLocaleString()} out tokens
    </span>
  );
}

export function AgentReplyStatus(props: {
  message: MessageView;
  replica: DocumentReplica;
}): ReactNode {
  const { message, replica } = props;
  const { actor } = useSignedIn();
  const operation = useOperation();
  const task = message.task;
  if (task === null) return null;
  const stopping = isRunning(message) && isStopRequested(replica.doc, message.id);
  return (
    <span className="agent-status" data-task-status={task.status}>
      {task.model !== null && <span className="model">{task.model}</span>}
      {isRunning(message) && (
        <>
          <span className="running">{stopping ? "stopping…" : "writing…"}</span>
          {!stopping && (
            <button
              type="button"
              onClick={() =>
                operation.run(() => requestStop(replica.doc, actor, { messageId: message.id }))
              }
            >
              Stop
            </button>
          )}
        </>
      )}
      {task.status === "completed" && <Usage message={message} />}
      {task.status === "cancelled" && (
        <>
          <span className="stopped">stopped</span>
          <Usage message={message} />
          <RetryState message={message} channelId={replica.channelId} />
        </>
      )}
      {task.status === "failed" && (
        <>
          <span className="failed">failed: {task.error ?? "unknown error"}</span>
          <RetryState message={message} channelId={replica.channelId} />
        </>
      )}
      {!isRunning(message) && <SeenButton message={message} replica={replica} />}
      {operation.error !== null && <span className="error">{operation.error}</span>}
    </span>
  );
}
