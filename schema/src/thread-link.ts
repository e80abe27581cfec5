// The path of a thread (or fork) in the web client, as links to messages carry
// it (`/c/<channel>/t/<thread>[/f/<fork>]?m=<message>`), and the thread a link
// names: agents are given and read threads by these links.

export interface ThreadAddress {
  channelId: string;
  threadId: string;
  forkId: string | null;
}

export function threadPath({ channelId, threadId, forkId }: ThreadAddress): string {
  const thread = `/c/${encodeURIComponent(channelId)}/t/${encodeURIComponent(threadId)}`;
  return forkId === null ? thread : `${thread}/f/${encodeURIComponent(forkId)}`;
}

/** The thread a link (a whole URL or its path) names, or null when it names none. */
export function parseThreadLink(link: string): ThreadAddress | null {
  const path = URL.canParse(link) ? new URL(link).pathname : (link.split(/[?#]/)[0] ?? "");
  const parts = path.split("/").filter((part) => part !== "");
  const [c, channelId, t, threadId, f, forkId] = parts.map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return "";
    }
  });
  if (c !== "c" || t !== "t" || !channelId || !threadId) return null;
  if (f !== undefined && (f !== "f" || !forkId || parts.length > 6)) return null;
  if (f === undefined && parts.length > 4) return null;
  return { channelId, threadId, forkId: forkId ?? null };
}
