// What the server refused in this channel: each message that could not be posted again with a Copy
// button (or, when none is left, that a change was refused and how many messages were posted
// again), the refused copy as a download, and Dismiss (which forgets the copy).
import type { ReactNode } from "react";
import type { KeptCopy } from "../../local/database.ts";
import { useSignedIn } from "../services.tsx";
import { CopyTextButton } from "./CopyTextButton.tsx";
import { downloadCopy } from "./export-file.ts";
import { useKeptCopies } from "./use-kept-copies.ts";

const BOX = { border: "1px solid var(--warn)", borderRadius: "0.25rem", padding: "0.5rem" };

const plural = (count: number, one: string) => (count === 1 ? `1 ${one}` : `${count} ${one}s`);

function headline({ messages, reposted = 0, reason }: KeptCopy, writable: boolean): string {
  const count = messages.length;
  if (count === 0) {
    const verb = reposted === 1 ? "was" : "were";
    const posted =
      reposted > 0
        ? ` ${plural(reposted, "message")} you had not sent yet ${verb} posted again.`
        : "";
    if (reason === "old-layout") {
      return `This device's copy of the channel predates the server's upgrade, so this channel shows the server's copy.${posted}`;
    }
    return `The server refused a change you made here (you may no longer make it), so this channel shows the server's copy.${posted}`;
  }
  const what = `${plural(count, "message")} you wrote here`;
  const why = writable
    ? "their thread or fork no longer takes messages."
    : "you can no longer write in this channel.";
  return `${what} could not be sent: ${why}`;
}

function Notice({ copy, writable }: { copy: KeptCopy; writable: boolean }): ReactNode {
  const { replicas } = useSignedIn();
  const title = headline(copy, writable);
  return (
    <section aria-label="Messages not sent" style={BOX}>
      <p className="offline-notice" role="alert">
        {title}
      </p>
      {copy.messages.length > 0 && (
        <ul className="plain-list" aria-label="Your messages">
          {copy.messages.map((message, index) => (
            <li key={message.id}>
              <blockquote style={{ whiteSpace: "pre-wrap" }}>{message.body}</blockquote>
              <CopyTextButton text={message.body} label={`Copy message ${index + 1}`} />
            </li>
          ))}
        </ul>
      )}
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
