// "(edited)" on a message: a button that opens its earlier texts, oldest first, each with who
// wrote it and when (kept in the channel document with every edit; none once it is deleted).
import { type MessageView, messageVersionsOf } from "@openvibe/schema";
import { type ReactNode, useId, useState } from "react";
import type { DocumentReplica } from "../../sync/document-replica.ts";
import { StampTime } from "../StampTime.tsx";
import { usePeopleById } from "../services.tsx";

export function EditedMarker(props: { message: MessageView; replica: DocumentReplica }): ReactNode {
  const { message, replica } = props;
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <>
      <button
        type="button"
        className="edited"
        aria-expanded={open}
        aria-controls={panelId}
        title="Show earlier versions"
        onClick={() => setOpen(!open)}
      >
        (edited)
      </button>
      {open && <EditHistory id={panelId} message={message} replica={replica} />}
    </>
  );
}

function EditHistory(props: { id: string; message: MessageView; replica: DocumentReplica }) {
  const { message, replica } = props;
  const people = usePeopleById();
  // Read at every render: a new edit makes a new message view, which renders this again.
  const versions = messageVersionsOf(replica.doc, message.id);
  return (
    <section id={props.id} className="edit-history" aria-label="Earlier versions">
      {versions.length === 0 ? (
        <p className="meta">No earlier version is kept (edited before history was).</p>
      ) : (
        <ol>
          {versions.map((version) => (
            <li key={version.id}>
              <p className="meta">
                {people.get(version.by.id)?.displayName ?? version.by.id} ·{" "}
                <StampTime stamp={version.writtenAt} />
              </p>
              <p className="edit-history-body">{version.body}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
