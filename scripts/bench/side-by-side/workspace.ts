// The documents a scenario opens, and the tokens its clients open them with. On OpenVibe that is
// a real workspace: an admin, members who each hold an API key (the load clients authenticate
// as these members), and public channels the members joined. The stock servers take any
// document name and any token. A scenario's document is a thread document
// (`thread:<channelId>:<threadId>`: channels are split, a thread's messages live there), under the
// same name on every server; its thread id is fixed here, so readers can open it before the
// writer creates the thread.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { channelDocumentName, threadDocumentName } from "@openvibe/schema";
import { createBenchEnv } from "../channel-fixture.ts";
import { HttpSession, setUpWorkspace } from "../client-server.ts";
import { BRIDGE_KEY_FILE, type RunningServer } from "./servers.ts";

const PASSWORD = "correct horse battery staple";
const AGENT_HANDLE = "benchbot";
/** HTTP requests in flight at once while setting up. */
const PARALLEL = 8;

export interface BenchDocument {
  /** The document name on the wire: the thread document of `threadId`. */
  name: string;
  /** The channel's id (the stock servers: a made-up one of the same shape). */
  channelId: string;
  /** The channel document's name (it holds the server's index of the threads). */
  channelName: string;
  /** The thread the scenario writes in. */
  threadId: string;
}

/** The documents of `channelIds`: one thread each, with ids from a fixed seed. */
function threadDocuments(channelIds: string[]): BenchDocument[] {
  const ids = createBenchEnv(0x7ead, 0);
  return channelIds.map((channelId) => {
    const threadId = ids.newId();
    return {
      name: threadDocumentName(channelId, threadId),
      channelId,
      channelName: channelDocumentName(channelId),
      threadId,
    };
  });
}

export interface BenchWorkspace {
  documents: BenchDocument[];
  /** The writing member's token and user id (the author of every message). */
  writer: { token: string; userId: string };
  /** Tokens of the reading members; clients take them in turn. */
  readerTokens: string[];
  /** An agent that is a member of every channel, when asked for (and OpenVibe's bridge key). */
  agent: { token: string; userId: string; handle: string; bridgeKey: string } | null;
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
  options: { agent?: boolean } = {},
): Promise<BenchWorkspace> {
  const prefix = "bench";
  if (!server.spec.openvibe) {
    return {
      documents: threadDocuments(Array.from({ length: documents }, (_, i) => `${prefix}-${i}`)),
      writer: { token: "stock", userId: "writer" },
      readerTokens: ["stock"],
      agent:
        options.agent === true
          ? { token: "stock", userId: "agent", handle: AGENT_HANDLE, bridgeKey: "" }
          : null,
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
  let agent: BenchWorkspace["agent"] = null;
  if (options.agent === true) {
    const created = await admin.post<{ id: string }>(
      "/api/agents",
      { handle: AGENT_HANDLE, displayName: "Bench bot" },
      201,
    );
    const key = await admin.post<{ key: string }>(
      "/api/api-keys",
      { name: "bench agent", userId: created.id },
      201,
    );
    // Adding a member is a PUT, which the cookie session helper does not speak: an API key does.
    const adminKey = await admin.post<{ key: string }>(
      "/api/api-keys",
      { name: "bench admin" },
      201,
    );
    await inBatches(channelIds, async (id) => {
      const response = await fetch(`${server.httpUrl}/api/channels/${id}/members/${created.id}`, {
        method: "PUT",
        headers: { Authorization: `Bearer ${adminKey.key}` },
      });
      if (response.status !== 204) {
        throw new Error(
          `adding the agent to ${id} answered ${response.status}: ${await response.text()}`,
        );
      }
    });
    const bridgeKey = readFileSync(join(server.dataDir, BRIDGE_KEY_FILE), "utf8").trim();
    agent = { token: key.key, userId: created.id, handle: AGENT_HANDLE, bridgeKey };
  }
  return {
    documents: threadDocuments(channelIds),
    writer: { token: writer.token, userId: writer.userId },
    readerTokens: readerMembers.map((member) => member.token),
    agent,
  };
}
