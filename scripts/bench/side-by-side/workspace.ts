// The documents a scenario opens, and the tokens its clients open them with. On OpenVibe that is
// a real workspace: an admin, members who each hold an API key (the load clients authenticate
// as these members), and public channels the members joined. The stock servers take any
// document name and any token.
import { channelDocumentName } from "@openvibe/schema";
import { HttpSession, setUpWorkspace } from "../client-server.ts";
import type { RunningServer } from "./servers.ts";

const PASSWORD = "correct horse battery staple";
/** HTTP requests in flight at once while setting up. */
const PARALLEL = 8;

export interface BenchDocument {
  /** The document name on the wire. */
  name: string;
  /** OpenVibe's channel id (the stock servers: the document name). */
  channelId: string;
}

export interface BenchWorkspace {
  documents: BenchDocument[];
  /** The writing member's token and user id (the author of every message). */
  writer: { token: string; userId: string };
  /** Tokens of the reading members; clients take them in turn. */
  readerTokens: string[];
}

async function inBatches<T, R>(items: T[], work: (item: T, index: number) => Promise<R>) {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += PARALLEL) {
    const batch = items.slice(start, start + PARALLEL);
    results.push(...(await Promise.all(batch.map((item, i) => work(item, start + i)))));
  }
  return results;
}

interface Member {
  session: HttpSession;
  userId: string;
  token: string;
}

/** Sets up `documents` channels and `readers` reading members (plus one writer). */
export async function prepareWorkspace(
  server: RunningServer,
  documents: number,
  readers: number,
  prefix = "bench",
): Promise<BenchWorkspace> {
  if (!server.spec.openvibe) {
    const docs = Array.from({ length: documents }, (_, i) => `${prefix}-${i}`);
    return {
      documents: docs.map((name) => ({ name, channelId: name })),
      writer: { token: "stock", userId: "writer" },
      readerTokens: ["stock"],
    };
  }
  const admin = await setUpWorkspace(server.httpUrl);
  const invite = await admin.post<{ token: string }>(
    "/api/invites",
    { role: "member", maxUses: readers + 1 },
    201,
  );
  // One at a time: each account hashes its password with scrypt (32 MiB).
  const members: Member[] = [];
  for (let i = 0; i <= readers; i++) {
    const session = new HttpSession(server.httpUrl);
    const signedIn = await session.post<{ user: { id: string } }>(
      "/api/invites/accept",
      {
        token: invite.token,
        email: `member${i}@example.com`,
        displayName: `member ${i}`,
        password: PASSWORD,
      },
      201,
    );
    const key = await session.post<{ key: string }>("/api/api-keys", { name: "bench" }, 201);
    members.push({ session, userId: signedIn.user.id, token: key.key });
  }
  const [writer, ...readerMembers] = members as [Member, ...Member[]];
  // The writer creates the channels (and so is a member of each); the readers join them.
  const channelIds = await inBatches(
    Array.from({ length: documents }, (_, i) => i),
    async (i) =>
      (
        await writer.session.post<{ id: string }>(
          "/api/channels",
          { name: `${prefix}-${i}`, topic: "", visibility: "public" },
          201,
        )
      ).id,
  );
  const joins = channelIds.flatMap((id) => readerMembers.map((member) => ({ id, member })));
  await inBatches(joins, ({ id, member }) =>
    member.session.post(`/api/channels/${id}/join`, {}, 200),
  );
  return {
    documents: channelIds.map((id) => ({ name: channelDocumentName(id), channelId: id })),
    writer: { token: writer.token, userId: writer.userId },
    readerTokens: readerMembers.map((member) => member.token),
  };
}
