// First run, sign-in and invite acceptance.
import { fields, type InvitePreview } from "@openvibe/schema";
import { type ReactNode, useEffect, useState } from "react";
import { api } from "../api/endpoints.ts";
import { type AuthField, AuthForm } from "./AuthForm.tsx";

const EMAIL: AuthField = { name: "email", label: "Email", type: "email", autoComplete: "email" };
const NAME: AuthField = {
  name: "displayName",
  label: "Your name",
  type: "text",
  autoComplete: "name",
};
const NEW_PASSWORD: AuthField = {
  name: "password",
  label: "Password",
  type: "password",
  autoComplete: "new-password",
  rule: fields.NEW_PASSWORD_RULE,
  minLength: fields.NEW_PASSWORD_MIN_LENGTH,
  maxLength: fields.NEW_PASSWORD_MAX_LENGTH,
};

export function SetupScreen(): ReactNode {
  return (
    <AuthForm
      title="Set up your workspace"
      fields={[
        { name: "workspaceName", label: "Workspace name", type: "text", autoComplete: "off" },
        NAME,
        EMAIL,
        NEW_PASSWORD,
      ]}
      submitLabel="Create workspace"
      submit={(v) =>
        api.setup({
          workspaceName: v.workspaceName ?? "",
          displayName: v.displayName ?? "",
          email: v.email ?? "",
          password: v.password ?? "",
        })
      }
    />
  );
}

export function SignInScreen(): ReactNode {
  return (
    <AuthForm
      title="Sign in"
      fields={[
        EMAIL,
        { name: "password", label: "Password", type: "password", autoComplete: "current-password" },
      ]}
      submitLabel="Sign in"
      submit={(v) => api.login({ email: v.email ?? "", password: v.password ?? "" })}
    />
  );
}

export function InviteScreen({ token }: { token: string }): ReactNode {
  const [preview, setPreview] = useState<InvitePreview | "unusable" | null>(null);
  useEffect(() => {
    api.invitePreview(token).then(setPreview, () => setPreview("unusable"));
  }, [token]);
  if (preview === "unusable") {
    return (
      <main className="auth">
        <h1>This invite cannot be used</h1>
        <p>It may have expired or been used up. Ask for a new link.</p>
      </main>
    );
  }
  return (
    <AuthForm
      title="Join the workspace"
      intro={
        preview !== null && (
          <p>
            You are invited to <strong>{preview.workspaceName}</strong> as {preview.role}.
          </p>
        )
      }
      fields={[NAME, EMAIL, NEW_PASSWORD]}
      submitLabel="Join"
      submit={(v) =>
        api.acceptInvite({
          token,
          displayName: v.displayName ?? "",
          email: v.email ?? "",
          password: v.password ?? "",
        })
      }
    />
  );
}
