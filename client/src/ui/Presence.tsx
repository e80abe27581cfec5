// Who else has this channel open, and who is typing in this thread: people
// (from awareness) and agents (a running reply counts as typing).
import type { MessageView } from "@openvibe/schema";
import type { ReactNode } from "react";
import { useObservable } from "../state/observable.ts";
import type { DocumentReplica } from "../sync/document-replica.ts";
import { isRunning } from "./AgentReplyStatus.tsx";
import { Avatar } from "./Avatar.tsx";
import { usePeopleById, useSignedIn } from "./services.tsx";

function distinct(names: Iterable<[string, string]>): string[] {
  return [...new Map(names).values()].sort((a, b) => a.localeCompare(b));
}

/** "A", "A and B", "A, B and C". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

export function OnlineHere({ replica }: { replica: DocumentReplica }): ReactNode {
  const { me } = useSignedIn();
  const people = usePeopleById();
  const peers = useObservable(replica.presence.peers);
  const here = new Map(
    peers.filter((p) => p.user.id !== me.id).map((p) => [p.user.id, p.user.displayName]),
  );
  const others = distinct(here);
  return (
    <p className="presence">
      {[...here].map(([id, displayName]) => (
        <Avatar key={id} id={id} displayName={displayName} colour={people.get(id)?.avatarColor} />
      ))}
      <span>{others.length === 0 ? "Only you here" : `Here: ${listNames(others)}`}</span>
    </p>
  );
}

export interface TypingIndicatorProps {
  replica: DocumentReplica;
  threadId: string;
  messages: readonly MessageView[];
}

export function TypingIndicator({ replica, threadId, messages }: TypingIndicatorProps): ReactNode {
  const { me } = useSignedIn();
  const people = usePeopleById();
  const peers = useObservable(replica.presence.peers);
  const typists = distinct([
    ...peers
      .filter((p) => p.user.id !== me.id && p.typing?.threadId === threadId)
      .map((p): [string, string] => [p.user.id, p.user.displayName]),
    ...messages
      .filter(isRunning)
      .map((m): [string, string] => [
        m.author.id,
        people.get(m.author.id)?.displayName ?? m.author.id,
      ]),
  ]);
  const verb = typists.length === 1 ? "is" : "are";
  return (
    <p className="typing" aria-live="polite">
      {typists.length === 0 ? "" : `${listNames(typists)} ${verb} typing…`}
    </p>
  );
}
