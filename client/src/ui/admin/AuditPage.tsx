// The audit log, newest first, a page at a time ("Load more" follows the
// cursor). The first page is kept for offline reading.
import type { AuditEntryView, AuditPage as Page } from "@openvibe/schema";
import { type ReactNode, useState } from "react";
import { workspaceApi } from "../../api/admin-endpoints.ts";
import { useObservable } from "../../state/observable.ts";
import { useApiAction } from "../forms/api-action.ts";
import { useCachedQuery } from "../forms/cached-query.ts";
import { ActionError } from "../forms/Field.tsx";
import { OfflineNotice } from "../forms/OfflineNotice.tsx";
import { usePeopleById, useServices } from "../services.tsx";
import { formatDate } from "./describe.ts";

const firstPage = () => workspaceApi.audit(null);

/** What an entry acted on, by name where this browser knows it. */
function useTargetName(entry: AuditEntryView): string {
  const people = usePeopleById();
  const { store } = useServices();
  const channels = useObservable(store.channels);
  const id = entry.targetId;
  if (id === null) return entry.targetType;
  if (entry.targetType === "user") return people.get(id)?.displayName ?? `user ${id}`;
  const channel = entry.targetType === "channel" ? channels.find((c) => c.id === id) : undefined;
  return channel === undefined ? `${entry.targetType} ${id}` : `#${channel.name}`;
}

function Entry({ entry }: { entry: AuditEntryView }): ReactNode {
  const people = usePeopleById();
  const target = useTargetName(entry);
  const actor =
    entry.actorId === null
      ? "the server"
      : (people.get(entry.actorId)?.displayName ?? entry.actorId);
  return (
    <li className="audit-entry">
      <time dateTime={entry.createdAt}>{formatDate(entry.createdAt)}</time> <strong>{actor}</strong>{" "}
      <code>{entry.action}</code> {target}
      {entry.details !== null && <code className="details">{JSON.stringify(entry.details)}</code>}
    </li>
  );
}

export function AuditPage(): ReactNode {
  const first = useCachedQuery("admin:audit", firstPage);
  const [older, setOlder] = useState<Page[]>([]);
  const action = useApiAction();
  const pages = first.data === null ? [] : [first.data, ...older];
  const cursor = pages.at(-1)?.nextCursor ?? null;
  const loadMore = async () => {
    if (cursor === null) return;
    const page = await action.run(() => workspaceApi.audit(cursor));
    if (page !== undefined) setOlder([...older, page]);
  };
  return (
    <>
      <OfflineNotice offline={first.offline} />
      <ol className="plain-list" aria-label="Audit entries">
        {pages
          .flatMap((page) => page.entries)
          .map((entry) => (
            <Entry key={entry.id} entry={entry} />
          ))}
      </ol>
      {cursor !== null && (
        <button type="button" disabled={action.busy} onClick={() => void loadMore()}>
          Load more
        </button>
      )}
      {first.data !== null && cursor === null && <p className="empty">That is the beginning.</p>}
      <ActionError action={action} />
    </>
  );
}
