// A channel's members: the list, adding someone (people and agents), and
// removing someone (the server decides who may: admins, the creator).
import type { UserView } from "@openvibe/schema";
import { type FormEvent, type ReactNode, useCallback, useEffect } from "react";
import { channelApi } from "../../api/admin-endpoints.ts";
import { useObservable } from "../../state/observable.ts";
import { useApiAction } from "../forms/api-action.ts";
import { useCachedQuery } from "../forms/cached-query.ts";
import { ActionError, Field } from "../forms/Field.tsx";
import { OfflineNotice } from "../forms/OfflineNotice.tsx";
import { useServices } from "../services.tsx";

export interface ChannelMembersProps {
  channelId: string;
  channelName: string;
  /** Called after a change, e.g. to refresh member counts. */
  onChanged?: () => void;
}

export function ChannelMembers(props: ChannelMembersProps): ReactNode {
  const { channelId, channelName, onChanged } = props;
  const { store } = useServices();
  const people = useObservable(store.people);
  const load = useCallback(() => channelApi.members(channelId), [channelId]);
  const members = useCachedQuery(`channel-members:${channelId}`, load);
  const { reload } = members;
  useEffect(
    () =>
      store.onMetadataChanged(({ lists, channelId: changed }) => {
        if (lists.includes("members") && (changed === undefined || changed === channelId)) {
          void reload();
        }
      }),
    [store, channelId, reload],
  );
  const action = useApiAction(["userId"]);
  const memberIds = new Set((members.data ?? []).map((member) => member.id));
  const candidates = people.filter((p) => p.status === "active" && !memberIds.has(p.id));

  const change = async (request: () => Promise<null>) => {
    if ((await action.run(request)) === undefined) return;
    await members.reload();
    onChanged?.();
  };
  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const userId = String(new FormData(event.currentTarget).get("userId") ?? "");
    if (userId !== "") void change(() => channelApi.addMember(channelId, userId));
  };
  const label = (person: UserView) =>
    `${person.displayName} (@${person.handle}${person.kind === "agent" ? ", agent" : ""})`;

  return (
    <section className="channel-members" aria-label={`Members of ${channelName}`}>
      <OfflineNotice offline={members.offline} />
      <ul className="plain-list">
        {(members.data ?? []).map((member) => (
          <li key={member.id}>
            {label(member)}{" "}
            <button
              type="button"
              disabled={action.busy}
              onClick={() => void change(() => channelApi.removeMember(channelId, member.id))}
            >
              Remove {member.displayName}
            </button>
          </li>
        ))}
      </ul>
      <form className="admin-form inline" aria-label={`Add to ${channelName}`} onSubmit={add}>
        <Field label="Add a member" path="userId" action={action}>
          {(control) => (
            <select {...control}>
              {candidates.map((person) => (
                <option key={person.id} value={person.id}>
                  {label(person)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" disabled={action.busy || candidates.length === 0}>
          Add
        </button>
      </form>
      <ActionError action={action} />
    </section>
  );
}
