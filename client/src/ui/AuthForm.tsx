// The form behind first run, sign-in and invite acceptance: labelled fields,
// a submit that yields a session, and the server's refusal shown in words.
import type { SessionView } from "@openvibe/schema";
import { type FormEvent, type ReactNode, useState } from "react";
import { ApiError, OfflineError } from "../api/http.ts";
import { useServices } from "./services.tsx";

export interface AuthField {
  name: string;
  label: string;
  type: "text" | "email" | "password";
  autoComplete: string;
  /** The rule the value must follow, shown under the field before anyone submits. */
  rule?: string;
  minLength?: number;
  maxLength?: number;
}

export interface AuthFormProps {
  title: string;
  intro?: ReactNode;
  fields: AuthField[];
  submitLabel: string;
  submit(values: Record<string, string>): Promise<SessionView>;
}

function describe(error: unknown): string {
  if (error instanceof OfflineError) return "The server cannot be reached. Try again when online.";
  if (!(error instanceof ApiError)) throw error;
  const issues = error.issues.map((issue) => `${issue.path}: ${issue.message}`);
  return [error.message, ...issues].join(" · ");
}

export function AuthForm({ title, intro, fields, submitLabel, submit }: AuthFormProps): ReactNode {
  const { store } = useServices();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const values = Object.fromEntries(fields.map((f) => [f.name, String(data.get(f.name) ?? "")]));
    setBusy(true);
    try {
      await store.signedIn(await submit(values));
    } catch (caught) {
      setError(describe(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="auth">
      <form onSubmit={(event) => void onSubmit(event)} aria-label={title}>
        <h1>{title}</h1>
        {intro}
        {fields.map((field) => {
          const ruleId = `${field.name}-rule`;
          return (
            <label key={field.name}>
              {field.label}
              <input
                name={field.name}
                type={field.type}
                autoComplete={field.autoComplete}
                required
                minLength={field.minLength}
                maxLength={field.maxLength}
                aria-describedby={field.rule === undefined ? undefined : ruleId}
              />
              {field.rule !== undefined && (
                <small id={ruleId} className="field-rule">
                  {field.rule}
                </small>
              )}
            </label>
          );
        })}
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        {error !== null && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
