// Invite links: create one (role, expiry, one or many uses), copy it, and
// list and revoke the existing ones.
import { type CreatedInvite, type InviteView, ROLES } from "@openvibe/schema";
import { type FormEvent, type ReactNode, useState } from "react";
import { peopleApi } from "../../api/admin-endpoints.ts";
import { useApiAction } from "../forms/api-action.ts";
import { CopyField } from "../forms/CopyButton.tsx";
import { useCachedQuery } from "../forms/cached-query.ts";
import { ActionError, Field } from "../forms/Field.tsx";
import { OfflineNotice } from "../forms/OfflineNotice.tsx";
import { formatDate, inviteState } from "./describe.ts";

const EXPIRIES = [
  { hours: 24, label: "1 day" },
  { hours: 168, label: "7 days" },
  { hours: 720, label: "30 days" },
];
const USES = [
  { value: "1", label: "One person" },
  { value: "10", label: "Up to 10 people" },
  { value: "any", label: "Any number of people" },
];

function CreateInviteForm({ onCreated }: { onCreated(created: CreatedInvite): void }): ReactNode {
  const action = useApiAction(["role", "expiresInHours", "maxUses"]);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const role = ROLES.find((each) => each === data.get("role")) ?? "member";
    const uses = String(data.get("maxUses"));
    const created = await action.run(() =>
      peopleApi.createInvite({
        role,
        expiresInHours: Number(data.get("expiresInHours")),
        maxUses: uses === "any" ? null : Number(uses),
      }),
    );
    if (created !== undefined) onCreated(created);
  };
  return (
    <form className="admin-form" aria-label="New invite" onSubmit={(event) => void submit(event)}>
      <Field label="Role" path="role" action={action}>
        {(control) => (
          <select {...control} defaultValue="member">
            {ROLES.map((role) => (
              <option key={role}>{role}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Expires after" path="expiresInHours" action={action}>
        {(control) => (
          <select {...control} defaultValue="168">
            {EXPIRIES.map(({ hours, label }) => (
              <option key={hours} value={hours}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Can be used by" path="maxUses" action={action}>
        {(control) => (
          <select {...control} defaultValue="1">
            {USES.map(({ value, label }) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" disabled={action.busy}>
        Create invite link
      </button>
      <ActionError action={action} />
    </form>
  );
}

function InviteRow({ invite, onRevoked }: { invite: InviteView; onRevoked(): void }): ReactNode {
  const action = useApiAction();
  const state = inviteState(invite, Date.now());
  return (
    <tr>
      <td>{invite.role}</td>
      <td>{formatDate(invite.createdAt)}</td>
      <td>{formatDate(invite.expiresAt)}</td>
      <td>
        {invite.uses} / {invite.maxUses ?? "∞"}
      </td>
      <td>{state}</td>
      <td>
        {state === "active" && (
          <button
            type="button"
            disabled={action.busy}
            onClick={() =>
              void action
                .run(() => peopleApi.revokeInvite(invite.id))
                .then((done) => {
                  if (done !== undefined) onRevoked();
                })
            }
          >
            Revoke
          </button>
        )}
        <ActionError action={action} />
      </td>
    </tr>
  );
}

export function InvitesSection(): ReactNode {
  const invites = useCachedQuery("admin:invites", peopleApi.invites);
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  return (
    <section aria-labelledby="invites-title">
      <h2 id="invites-title">Invites</h2>
      <CreateInviteForm
        onCreated={(next) => {
          setCreated(next);
          void invites.reload();
        }}
      />
      {created !== null && (
        <div className="created-secret" role="status">
          <CopyField label="Invite link" value={created.url} />
          <p>
            Anyone with this link can join as {created.invite.role} until{" "}
            {formatDate(created.invite.expiresAt)}. It is shown only now.
          </p>
        </div>
      )}
      <OfflineNotice offline={invites.offline} />
      <table className="admin-table" aria-label="Invite links">
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Uses</th>
            <th scope="col">State</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(invites.data ?? []).map((invite) => (
            <InviteRow key={invite.id} invite={invite} onRevoked={() => void invites.reload()} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
