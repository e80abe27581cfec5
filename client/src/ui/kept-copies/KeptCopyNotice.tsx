// What the server refused and could not be posted again in this channel: each message's text with
// a Copy button, the refused copy as a download, and Dismiss (which forgets the copy).
import type { ReactNode } from "react";
import type { KeptCopy } from "../../local/database.ts";
import { useSignedIn } from "../services.tsx";
import { CopyTextButton } from "./CopyTextButton.tsx";
import { downloadCopy } from "./export-file.ts";
import { useKeptCopies } from "./use-kept-copies.ts";

const BOX = { border: "1px solid var(--warn)", borderRadius: "0.25rem", padding: "0.5rem" };

function headline(count: number, writable: boolean): string {
  const what = count === 1 ? "1 message you wrote here" : `${count} messages you wrote here`;
  const why = writable
    ? "their thread or fork no longer takes messages."
    : "you can no longer write in this channel.";
  return `${what} could not be sent: ${why}`;
}

function Notice({ copy, writable }: { copy: KeptCopy; writable: boolean }): ReactNode {
  const { replicas } = useSignedIn();
  const title = headline(copy.messages.length, writable);
  return (
    <section aria-label="Messages not sent" style={BOX}>
      <p className="offline-notice" role="alert">
        {title}
      </p>
      <ul className="plain-list" aria-label="Your messages">
        {copy.messages.map((message, index) => (
          <li key={message.id}>
            <blockquote style={{ whiteSpace: "pre-wrap" }}>{message.body}</blockquote>
            <CopyTextButton text={message.body} label={`Copy message ${index + 1}`} />
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => downloadCopy(copy)}>
        Download the channel copy
      </button>{" "}
      <button type="button" onClick={() => void replicas.keptCopies.dismiss(copy.id)}>
        Dismiss
      </button>
    </section>
  );
}

/** The channel's kept copies, if any. `writable`: whether this person may write here now. */
export function KeptCopyNotices({
  channelId,
  writable,
}: {
  channelId: string;
  writable: boolean;
}): ReactNode {
  const copies = useKeptCopies(channelId);
  return copies.map((copy) => <Notice key={copy.id} copy={copy} writable={writable} />);
}
