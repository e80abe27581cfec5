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
import { type AuditNames, auditSentence } from "./audit-sentence.ts";
import { formatDate } from "./describe.ts";

const firstPage = () => workspaceApi.audit(null);

/** Names from what this browser knows of the workspace. */
function useAuditNames(): AuditNames {
  const people = usePeopleById();
  const { store } = useServices();
  const channels = useObservable(store.channels);
  return {
    person: (id) => people.get(id)?.displayName,
    channel: (id) => channels.find((channel) => channel.id === id)?.name,
  };
}

function Entry({ entry, names }: { entry: AuditEntryView; names: AuditNames }): ReactNode {
  return (
    <li className="audit-entry">
      <time dateTime={entry.createdAt}>{formatDate(entry.createdAt)}</time>{" "}
      {auditSentence(entry, names)}
    </li>
  );
}

export function AuditPage(): ReactNode {
  const first = useCachedQuery("admin:audit", firstPage);
  const [older, setOlder] = useState<Page[]>([]);
  const action = useApiAction();
  const names = useAuditNames();
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
            <Entry key={entry.id} entry={entry} names={names} />
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
