// Starting a direct message: pick one to seven people or agents (active, not guests); the
// conversation of exactly those people opens, started if it is new.
import { DIRECT_MESSAGE_PEOPLE } from "@openvibe/schema";
import { type FormEvent, type ReactNode, useState } from "react";
import { api } from "../../api/endpoints.ts";
import { directMessageCandidates } from "../../state/direct-message-people.ts";
import { useObservable } from "../../state/observable.ts";
import { useApiAction } from "../forms/api-action.ts";
import { ActionError } from "../forms/Field.tsx";
import { navigate } from "../navigation.ts";
import { useServices, useSignedIn } from "../services.tsx";

const MOST_OTHERS = DIRECT_MESSAGE_PEOPLE.max - 1;

export function NewDirectMessage(): ReactNode {
  const { store } = useServices();
  const { me } = useSignedIn();
  const people = useObservable(store.people);
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const action = useApiAction(["userIds"]);
  const candidates = directMessageCandidates(people, me.id);
  const toggle = (id: string) => {
    const next = new Set(chosen);
    if (!next.delete(id)) next.add(id);
    setChosen(next);
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const channel = await action.run(() => api.openDirectMessage({ userIds: [...chosen] }));
    if (channel === undefined) return;
    await store.putChannel(channel);
    setOpen(false);
    setChosen(new Set());
    navigate({ screen: "channel", channelId: channel.id });
  };
  return (
    <>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        New message
      </button>
      {open && (
        <form
          className="new-direct-message"
          aria-label="New direct message"
          onSubmit={(e) => void submit(e)}
        >
          <fieldset>
            <legend>With (up to {MOST_OTHERS})</legend>
            {candidates.map((person) => (
              <label key={person.id} className="check">
                <input
                  type="checkbox"
                  checked={chosen.has(person.id)}
                  disabled={!chosen.has(person.id) && chosen.size >= MOST_OTHERS}
                  onChange={() => toggle(person.id)}
                />{" "}
                {person.displayName}
                {person.kind === "agent" ? " (agent)" : ""}
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={action.busy || chosen.size === 0}>
            Start
          </button>
          <ActionError action={action} />
        </form>
      )}
    </>
  );
}
