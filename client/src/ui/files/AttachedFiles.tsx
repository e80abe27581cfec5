// The composer's files: an "Attach files" button (any number, up to the message's limit) and
// the files attached so far, each removable before sending.
import type { ReactNode } from "react";
import { useId, useRef } from "react";
import { formatBytes } from "./format.ts";
import type { ComposerFiles } from "./use-composer-files.ts";

export function AttachedFiles({
  files,
  disabled,
}: {
  files: ComposerFiles;
  disabled: boolean;
}): ReactNode {
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  return (
    <div className="attached-files">
      <input
        ref={input}
        id={inputId}
        type="file"
        multiple
        hidden
        aria-label="Attach files"
        onChange={(event) => {
          files.add([...(event.target.files ?? [])]);
          event.target.value = "";
        }}
      />
      <button type="button" disabled={disabled} onClick={() => input.current?.click()}>
        Attach files
      </button>
      {files.files.length > 0 && (
        <ul aria-label="Attached files">
          {files.files.map((file, index) => (
            <li key={file.key}>
              {file.name}
              {file.record !== null && ` (${formatBytes(file.record.size)})`}
              {file.record === null && file.error === null && " (preparing…)"}
              {file.error !== null && ` (cannot attach: ${file.error})`}
              <button
                type="button"
                aria-label={`Remove ${file.name}`}
                onClick={() => files.remove(index)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
