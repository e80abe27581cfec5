// Creating a channel (not for guests): name, topic, public or private. The
// creator joins it and lands in it.
import { CREATABLE_VISIBILITIES } from "@openvibe/schema";
import { type FormEvent, type ReactNode, useState } from "react";
import { api } from "../../api/endpoints.ts";
import { useApiAction } from "../forms/api-action.ts";
import { ActionError, Field } from "../forms/Field.tsx";
import { navigate } from "../navigation.ts";
import { useServices } from "../services.tsx";

export function NewChannelForm(): ReactNode {
  const { store } = useServices();
  const [open, setOpen] = useState(false);
  const action = useApiAction(["name", "topic", "visibility"]);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const visibility = CREATABLE_VISIBILITIES.find((v) => v === data.get("visibility")) ?? "public";
    const channel = await action.run(() =>
      api.createChannel({
        name: String(data.get("name") ?? ""),
        topic: String(data.get("topic") ?? ""),
        visibility,
      }),
    );
    if (channel === undefined) return;
    await store.putChannel(channel);
    setOpen(false);
    navigate({ screen: "channel", channelId: channel.id });
  };
  return (
    <>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        New channel
      </button>
      {open && (
        <form className="new-channel" aria-label="New channel" onSubmit={(e) => void submit(e)}>
          <Field label="Name" path="name" action={action}>
            {(control) => <input {...control} required autoComplete="off" />}
          </Field>
          <Field label="Topic" path="topic" action={action}>
            {(control) => <input {...control} autoComplete="off" />}
          </Field>
          <fieldset>
            <legend>Who can find it</legend>
            <label className="check">
              <input type="radio" name="visibility" value="public" defaultChecked /> Public
            </label>
            <label className="check">
              <input type="radio" name="visibility" value="private" /> Private (invited only)
            </label>
          </fieldset>
          <button type="submit" disabled={action.busy}>
            Create channel
          </button>
          <ActionError action={action} />
        </form>
      )}
    </>
  );
}
