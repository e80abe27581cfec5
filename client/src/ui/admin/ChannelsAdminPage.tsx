// Every channel (admins see private ones too): visibility, archived state and
// member count; archive and unarchive; members of one channel at a time.
import type { ChannelView } from "@openvibe/schema";
import { type ReactNode, useState } from "react";
import { channelApi } from "../../api/admin-endpoints.ts";
import { api } from "../../api/endpoints.ts";
import { useApiAction } from "../forms/api-action.ts";
import { useCachedQuery } from "../forms/cached-query.ts";
import { ActionError } from "../forms/Field.tsx";
import { OfflineNotice } from "../forms/OfflineNotice.tsx";
import { useServices } from "../services.tsx";
import { ChannelMembers } from "./ChannelMembers.tsx";

interface RowProps {
  channel: ChannelView;
  open: boolean;
  onToggle(): void;
  onChange(next: ChannelView): void;
}

function ChannelRow({ channel, open, onToggle, onChange }: RowProps): ReactNode {
  const action = useApiAction();
  const toggleArchived = async () => {
    const next = await action.run(() => channelApi.setArchived(channel.id, !channel.archived));
    if (next !== undefined) onChange(next);
  };
  return (
    <tr>
      <th scope="row">#{channel.name}</th>
      <td>{channel.visibility}</td>
      <td>{channel.archived ? "archived" : "open"}</td>
      <td>{channel.memberCount}</td>
      <td>
        <button type="button" disabled={action.busy} onClick={() => void toggleArchived()}>
          {channel.archived ? `Unarchive ${channel.name}` : `Archive ${channel.name}`}
        </button>{" "}
        <button type="button" aria-expanded={open} onClick={onToggle}>
          Members of {channel.name}
        </button>{" "}
        <a href={exportUrl("json", channel.id)} download>
          Export {channel.name}
        </a>
        <ActionError action={action} />
      </td>
    </tr>
  );
}

/** The admin download of the workspace, or one channel (GET /api/export; the session cookie). */
function exportUrl(format: "json" | "markdown", channelId?: string): string {
  const query = new URLSearchParams({ format });
  if (channelId !== undefined) query.set("channel", channelId);
  return `/api/export?${query.toString()}`;
}

/** Downloads of the whole history: JSON for `ovb import`, Markdown to read. */
function ExportLinks(): ReactNode {
  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <p>
        The whole workspace (channels, threads, forks, messages, reactions, pins, agent replies):{" "}
        <a href={exportUrl("json")} download>
          Download JSON
        </a>{" "}
        (for <code>ovb import</code>) or{" "}
        <a href={exportUrl("markdown")} download>
          Download Markdown
        </a>{" "}
        (to read).
      </p>
    </section>
  );
}

export function ChannelsAdminPage(): ReactNode {
  const { store } = useServices();
  const channels = useCachedQuery("admin:channels", api.channels);
  const [openId, setOpenId] = useState<string | null>(null);
  const replace = (next: ChannelView) => {
    channels.set((channels.data ?? []).map((c) => (c.id === next.id ? next : c)));
    void store.refresh();
  };
  const open = (channels.data ?? []).find((channel) => channel.id === openId);
  return (
    <>
      <OfflineNotice offline={channels.offline} />
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">Channel</th>
            <th scope="col">Visibility</th>
            <th scope="col">State</th>
            <th scope="col">Members</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(channels.data ?? []).map((channel) => (
            <ChannelRow
              key={channel.id}
              channel={channel}
              open={channel.id === openId}
              onToggle={() => setOpenId(channel.id === openId ? null : channel.id)}
              onChange={replace}
            />
          ))}
        </tbody>
      </table>
      {open !== undefined && (
        <>
          <h2>Members of #{open.name}</h2>
          <ChannelMembers
            channelId={open.id}
            channelName={open.name}
            onChanged={() => void channels.reload()}
          />
        </>
      )}
      <ExportLinks />
    </>
  );
}
