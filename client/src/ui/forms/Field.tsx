// A labelled form control with the server's complaint about it underneath,
// tied to the control with aria-describedby; and the form-wide error.
import { type ReactNode, useId } from "react";
import type { ApiAction } from "./api-action.ts";

export interface ControlProps {
  id: string;
  name: string;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
}

export interface FieldProps {
  label: string;
  /** The request field this control sets (matched against issues[].path). */
  path: string;
  action: ApiAction;
  children: (control: ControlProps) => ReactNode;
}

export function Field({ label, path, action, children }: FieldProps): ReactNode {
  const id = useId();
  const error = action.fieldError(path);
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        name: path,
        "aria-invalid": error !== undefined,
        "aria-describedby": error === undefined ? undefined : errorId,
      })}
      {error !== undefined && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

export function ActionError({ action }: { action: ApiAction }): ReactNode {
  if (action.error === null) return null;
  return (
    <p className="error" role="alert">
      {action.error}
    </p>
  );
}
