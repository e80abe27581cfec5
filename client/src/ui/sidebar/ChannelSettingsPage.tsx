// A channel's settings for its members: name and topic, members (add, and
// remove where the server allows), and leaving the channel.
import type { ChannelView } from "@openvibe/schema";
import { type FormEvent, type ReactNode, useState } from "react";
import { channelApi } from "../../api/admin-endpoints.ts";
import { api } from "../../api/endpoints.ts";
import { useObservable } from "../../state/observable.ts";
import { ChannelMembers } from "../admin/ChannelMembers.tsx";
import { useApiAction } from "../forms/api-action.ts";
import { ConfirmButton } from "../forms/ConfirmButton.tsx";
import { ActionError, Field } from "../forms/Field.tsx";
import { navigate } from "../navigation.ts";
import { useServices } from "../services.tsx";

function RenameForm({ channel }: { channel: ChannelView }): ReactNode {
  const { store } = useServices();
  const action = useApiAction(["name", "topic"]);
  const [saved, setSaved] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = await action.run(() =>
      channelApi.update(channel.id, {
        name: String(data.get("name") ?? ""),
        topic: String(data.get("topic") ?? ""),
      }),
    );
    setSaved(next !== undefined);
    if (next !== undefined) await store.putChannel(next);
  };
  return (
    <form className="admin-form" aria-label="Name and topic" onSubmit={(e) => void submit(e)}>
      <Field label="Name" path="name" action={action}>
        {(control) => <input {...control} defaultValue={channel.name} required />}
      </Field>
      <Field label="Topic" path="topic" action={action}>
        {(control) => <input {...control} defaultValue={channel.topic} />}
      </Field>
      <button type="submit" disabled={action.busy || !channel.writable}>
        Save
      </button>
      {saved && <output>Saved.</output>}
      <ActionError action={action} />
    </form>
  );
}

function LeaveButton({ channel }: { channel: ChannelView }): ReactNode {
  const { store } = useServices();
  const action = useApiAction();
  const leave = async () => {
    if ((await action.run(() => api.leaveChannel(channel.id))) === undefined) return;
    await store.refresh();
    navigate({ screen: "home" });
  };
  return (
    <>
      <ConfirmButton
        label={`Leave ${channel.name}`}
        question={
          channel.visibility === "private"
            ? `Leave #${channel.name}? It is private: someone must add you again.`
            : `Leave #${channel.name}?`
        }
        onConfirm={() => void leave()}
      />
      <ActionError action={action} />
    </>
  );
}

export function ChannelSettingsPage({ channelId }: { channelId: string }): ReactNode {
  const { store } = useServices();
  const channels = useObservable(store.channels);
  const channel = channels.find((each) => each.id === channelId);
  if (channel === undefined) return <p className="empty">This channel is not available.</p>;
  return (
    <section className="channel-settings" aria-labelledby="channel-settings-title">
      <h1 id="channel-settings-title">Settings of #{channel.name}</h1>
      <RenameForm key={`${channel.name}\n${channel.topic}`} channel={channel} />
      <h2>Members</h2>
      <ChannelMembers
        channelId={channel.id}
        channelName={channel.name}
        onChanged={() => void store.refresh()}
      />
      <h2>Leave</h2>
      <LeaveButton channel={channel} />
    </section>
  );
}
