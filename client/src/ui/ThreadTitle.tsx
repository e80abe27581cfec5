// A thread's title, with Rename for its creator and admins (renameThread: a document write,
// so it works offline and syncs; the server's guard allows it for them only).
import { renameThread, sameActor, type ThreadView } from "@openvibe/schema";
import { type FormEvent, type ReactNode, useState } from "react";
import type { DocumentReplica } from "../sync/document-replica.ts";
import { useSignedIn } from "./services.tsx";
import { useOperation } from "./use-operation.ts";

export function ThreadTitle({
  replica,
  thread,
  writable,
}: {
  replica: DocumentReplica;
  thread: ThreadView["thread"];
  writable: boolean;
}): ReactNode {
  const { actor, me } = useSignedIn();
  const operation = useOperation();
  const [editing, setEditing] = useState(false);
  const moderator = me.role === "admin";
  const mayRename = writable && (moderator || sameActor(actor, thread.createdBy));
  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const title = String(new FormData(event.currentTarget).get("title") ?? "");
    const saved = operation.run(() =>
      renameThread(replica.doc, actor, { threadId: thread.id, title, moderator }),
    );
    if (saved) setEditing(false);
  };
  if (editing) {
    return (
      <form className="thread-title" aria-label="Rename thread" onSubmit={save}>
        <input name="title" aria-label="Thread title" defaultValue={thread.title} required />
        <button type="submit">Save</button>
        <button type="button" onClick={() => setEditing(false)}>
          Cancel
        </button>
        {operation.error !== null && <p className="error">{operation.error}</p>}
      </form>
    );
  }
  return (
    <div className="thread-title">
      <h1>{thread.title}</h1>
      {mayRename && (
        <button type="button" onClick={() => setEditing(true)}>
          Rename
        </button>
      )}
    </div>
  );
}
