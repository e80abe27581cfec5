// The tools every agent has without MCP, within its own permissions (the
// server answers as the task's agent, and only from the task's channel or
// public ones): search_messages, over the server's search index,
// read_thread, another thread (or fork) by its link, and remember, a context
// item (the shared memory) of the task's thread, channel or workspace. Each has
// the policy the agent's tool settings give it (`builtin`), "allowed" unless set.
import {
  type ApiErrorBody,
  BUILTIN_TOOLS,
  type BuiltinToolName,
  builtinPolicy,
  type ClaimedTask,
  CONTEXT_ITEM_KINDS,
  CONTEXT_SCOPES,
  MAX_CONTEXT_ITEM_LENGTH,
  parseThreadLink,
  type RelatedMessage,
  rememberRequest,
  type TaskThreadResult,
  threadPath,
} from "@openvibe/schema";
import { type BridgeApi, BridgeApiError } from "../server/bridge-api.ts";
import type { ToolOutput } from "./tool-output.ts";
import type { ToolEntry } from "./toolbox.ts";

const day = (iso: string) => iso.slice(0, 10);

function hitLine(hit: RelatedMessage, index: number): string {
  const where = `#${hit.channelName} › ${hit.threadTitle}`;
  const who = `${hit.author.displayName} (@${hit.author.handle})`;
  const path = threadPath({ channelId: hit.channelId, threadId: hit.threadId, forkId: hit.forkId });
  return `${index + 1}. ${where} — ${who}, ${day(hit.createdAt)}: ${hit.excerpt}\n   link: ${path}?m=${hit.messageId}`;
}

function threadText(thread: TaskThreadResult): string {
  const older = thread.omitted > 0 ? `, ${thread.omitted} older left out` : "";
  const heading = `#${thread.channelName} › ${thread.title} (${thread.messages.length} messages${older})`;
  const lines = thread.messages.map(
    (m) => `${m.author.displayName} (@${m.author.handle}), ${m.createdAt.slice(0, 16)}: ${m.body}`,
  );
  return [heading, ...lines].join("\n\n");
}

const failure = (text: string): ToolOutput => ({ text, isError: true });

function string(input: unknown, field: string): string | null {
  if (typeof input !== "object" || input === null) return null;
  const value = (input as Record<string, unknown>)[field];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** Why the server refused an item, for the model (its own words: a scope it may not use, say). */
function refusal(error: unknown): ToolOutput | null {
  if (!(error instanceof BridgeApiError) || error.status !== 400) return null;
  const body = error.message.slice(error.message.indexOf("{"));
  try {
    return failure(`Not remembered: ${(JSON.parse(body) as ApiErrorBody).error.message}`);
  } catch {
    return failure(`Not remembered: ${error.message}`);
  }
}

type BuiltinTool = Omit<ToolEntry, "policy"> & { definition: { name: BuiltinToolName } };

function rememberTool(task: ClaimedTask, api: BridgeApi): BuiltinTool {
  return {
    definition: {
      name: "remember",
      description:
        "Record a short piece of knowledge for the team and for later replies: a decision, a " +
        "fact or an action item, in your own words, complete on its own. People see it in the " +
        "channel's Context panel. Scope: this thread, this channel, or the whole workspace " +
        "(only from a public channel).",
      inputSchema: {
        type: "object",
        properties: {
          kind: { type: "string", enum: [...CONTEXT_ITEM_KINDS] },
          text: { type: "string", maxLength: MAX_CONTEXT_ITEM_LENGTH },
          scope: { type: "string", enum: [...CONTEXT_SCOPES], description: "Default: channel" },
        },
        required: ["kind", "text"],
      },
    },
    async call(input, signal) {
      const given = typeof input === "object" && input !== null ? input : {};
      const parsed = rememberRequest.safeParse({
        scope: "channel",
        ...given,
        attempt: task.attempt,
      });
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
        return failure(`Not remembered: ${issues.join("; ")}`);
      }
      const { attempt: _attempt, ...item } = parsed.data;
      try {
        const saved = await api.remember(task, item, signal);
        return {
          text: `Remembered (${saved.kind}, ${saved.scope}): ${saved.text}`,
          isError: false,
        };
      } catch (error) {
        const refused = refusal(error);
        if (refused !== null) return refused;
        throw error;
      }
    },
  };
}

/** The built-in tools the agent's settings do not turn off, each with its policy. */
export function builtinTools(task: ClaimedTask, api: BridgeApi): ToolEntry[] {
  const tools = [...searchAndRead(task, api), rememberTool(task, api)];
  return BUILTIN_TOOLS.flatMap((name) => {
    const tool = tools.find((t) => t.definition.name === name);
    const policy = builtinPolicy(task.tools.builtin, name);
    return tool === undefined || policy === "off" ? [] : [{ ...tool, policy }];
  });
}

function searchAndRead(task: ClaimedTask, api: BridgeApi): BuiltinTool[] {
  return [
    {
      definition: {
        name: "search_messages",
        description:
          "Search the team chat's messages you can read (this channel and public channels), best " +
          "matches first. Each hit has a link; read its whole thread with read_thread.",
        inputSchema: {
          type: "object",
          properties: {
            query: { type: "string", description: "Words to look for" },
            limit: { type: "integer", minimum: 1, maximum: 20, description: "Hits (default 5)" },
          },
          required: ["query"],
        },
      },
      async call(input, signal) {
        const q = string(input, "query");
        if (q === null) return failure("Give a query: the words to look for.");
        const asked = (input as { limit?: unknown }).limit;
        const limit = typeof asked === "number" ? Math.min(20, Math.max(1, Math.floor(asked))) : 5;
        const { messages } = await api.relatedMessages(task.id, { q, limit }, signal);
        if (messages.length === 0) return { text: "No messages found.", isError: false };
        return { text: messages.map(hitLine).join("\n"), isError: false };
      },
    },
    {
      definition: {
        name: "read_thread",
        description:
          "Read a thread or side discussion of the team chat by its link (/c/<channel>/t/<thread>, " +
          "as search_messages gives, or a full URL people paste), if you may read it.",
        inputSchema: {
          type: "object",
          properties: { link: { type: "string", description: "The thread's link" } },
          required: ["link"],
        },
      },
      async call(input, signal) {
        const link = string(input, "link");
        const address = link === null ? null : parseThreadLink(link);
        if (address === null) return failure("That is not a link to a thread (/c/…/t/…).");
        const { forkId, ...thread } = address;
        try {
          const found = await api.readThread(
            task.id,
            forkId === null ? thread : { ...thread, forkId },
            signal,
          );
          return { text: threadText(found), isError: false };
        } catch (error) {
          if (error instanceof BridgeApiError && error.status === 404) {
            return failure("There is no thread you may read at that link.");
          }
          throw error;
        }
      },
    },
  ];
}
