// Approve and Deny on a tool call awaiting approval, for people who may write
// in the channel. A decision is a document write: it works offline and the
// bridge sees it when it syncs. Once this person decided, it says so.
import { decideToolCall, hasDecided, type ToolDecision } from "@openvibe/schema";
import type { ReactNode } from "react";
import type { DocumentReplica } from "../../sync/document-replica.ts";
import { useSignedIn } from "../services.tsx";
import { useOperation } from "../use-operation.ts";
import { useWriteAccess } from "../use-write-access.ts";

export function ToolDecisionButtons(props: {
  stepId: string;
  replica: DocumentReplica;
}): ReactNode {
  const { stepId, replica } = props;
  const { actor } = useSignedIn();
  const { writable } = useWriteAccess(replica);
  const operation = useOperation();
  if (!writable) return <span className="tool-awaiting">waiting for approval</span>;
  if (hasDecided(replica.doc, stepId, actor.id))
    return <span className="tool-awaiting">your decision is sent</span>;
  const decide = (decision: ToolDecision) =>
    operation.run(() => decideToolCall(replica.doc, actor, { stepId, decision }));
  return (
    <span className="tool-decision">
      <button type="button" onClick={() => decide("approve")}>
        Approve
      </button>
      <button type="button" onClick={() => decide("deny")}>
        Deny
      </button>
      {operation.error !== null && <span className="error">{operation.error}</span>}
    </span>
  );
}
