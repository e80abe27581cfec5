// People of the workspace: role and status, role changes, deactivation and
// reactivation (confirmed); invite links below.
import { ROLES, type Role, type UserView } from "@openvibe/schema";
import { type ReactNode, useState } from "react";
import { peopleApi } from "../../api/admin-endpoints.ts";
import { api } from "../../api/endpoints.ts";
import { useApiAction } from "../forms/api-action.ts";
import { ConfirmButton } from "../forms/ConfirmButton.tsx";
import { CopyField } from "../forms/CopyButton.tsx";
import { useCachedQuery } from "../forms/cached-query.ts";
import { ActionError } from "../forms/Field.tsx";
import { OfflineNotice } from "../forms/OfflineNotice.tsx";
import { useServices, useSignedIn } from "../services.tsx";
import { InvitesSection } from "./InvitesSection.tsx";

function PersonRow({ person, onChange }: { person: UserView; onChange(next: UserView): void }) {
  const { me } = useSignedIn();
  const action = useApiAction();
  const update = async (request: () => Promise<UserView>) => {
    const next = await action.run(request);
    if (next !== undefined) onChange(next);
  };
  const active = person.status === "active";
  const [claimLink, setClaimLink] = useState<string | null>(null);
  const inviteToClaim = async () => {
    const created = await action.run(() => peopleApi.claimInvite(person.id));
    if (created !== undefined) setClaimLink(created.url);
  };
  return (
    <tr>
      <th scope="row">{person.displayName}</th>
      <td>@{person.handle}</td>
      <td>{person.email ?? ""}</td>
      <td>
        <select
          aria-label={`Role of ${person.displayName}`}
          value={person.role}
          disabled={action.busy || person.id === me.id}
          onChange={(event) => {
            const role = ROLES.find((each) => each === event.target.value);
            if (role !== undefined) void update(() => peopleApi.setRole(person.id, role));
          }}
        >
          {ROLES.map((role: Role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
      </td>
      <td>{!active ? "deactivated" : person.placeholder ? "not claimed yet" : "active"}</td>
      <td>
        {person.id !== me.id && (
          <ConfirmButton
            label={active ? `Deactivate ${person.displayName}` : `Reactivate ${person.displayName}`}
            question={
              active
                ? `Deactivate ${person.displayName}? Their sessions, keys and connections end at once.`
                : `Reactivate ${person.displayName}?`
            }
            disabled={action.busy}
            onConfirm={() =>
              void update(() =>
                active ? peopleApi.deactivate(person.id) : peopleApi.reactivate(person.id),
              )
            }
          />
        )}
        {active && person.placeholder && (
          <>
            {" "}
            <button type="button" disabled={action.busy} onClick={() => void inviteToClaim()}>
              Invite {person.displayName} to claim
            </button>
            {claimLink !== null && (
              <CopyField label={`Claim link for ${person.displayName}`} value={claimLink} />
            )}
          </>
        )}
        <ActionError action={action} />
      </td>
    </tr>
  );
}

export function MembersPage(): ReactNode {
  const { store } = useServices();
  const users = useCachedQuery("admin:users", api.users);
  const people = (users.data ?? []).filter((user) => user.kind === "human");
  const replace = (next: UserView) => {
    users.set((users.data ?? []).map((user) => (user.id === next.id ? next : user)));
    void store.refresh();
  };
  return (
    <>
      <OfflineNotice offline={users.offline} />
      <h2>Members</h2>
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Handle</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <PersonRow key={person.id} person={person} onChange={replace} />
          ))}
        </tbody>
      </table>
      {users.error !== null && <p className="error">{users.error}</p>}
      <InvitesSection />
    </>
  );
}
