// "What did it see?" under a finished agent reply: opens the panel with its prompt's record.
import type { MessageView } from "@openvibe/schema";
import { type ReactNode, useState } from "react";
import type { DocumentReplica } from "../../sync/document-replica.ts";
import { SeenPanel } from "./SeenPanel.tsx";

export function SeenButton(props: { message: MessageView; replica: DocumentReplica }): ReactNode {
  const { message, replica } = props;
  const [open, setOpen] = useState(false);
  if (message.task === null) return null;
  return (
    <>
      <button type="button" className="seen-open" onClick={() => setOpen(true)}>
        What did it see?
      </button>
      {open && (
        <SeenPanel
          taskId={message.task.taskId}
          replyId={message.id}
          replica={replica}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
