// What an agent saw: the record of what went into a task's prompt, reported by the bridge once
// per claim (POST /api/bridge/tasks/{id}/prompt) and shown to whoever can read the channel
// (GET /api/tasks/{id}/prompt): the messages with their version and their text as sent, the
// related messages found elsewhere, and the provider and model. Bounded in size
// (PROMPT_RECORD_LIMITS); a bridge leaves the oldest messages out past the bounds and says how many.
import { z } from "zod";
import { isStamp } from "../clock.ts";
import { isEntityId } from "../ids.ts";
import { MAX_BODY_LENGTH, MAX_TITLE_LENGTH } from "../validation.ts";
import { CONTEXT_ITEM_KINDS, CONTEXT_SCOPES, MAX_CONTEXT_ITEM_LENGTH } from "./context-items.ts";
import { MODEL_PROVIDERS, type ModelProviderName, modelName } from "./model-providers.ts";

export const PROMPT_RECORD_LIMITS = {
  messages: 1_000,
  related: 20,
  contextItems: 200,
  /** Characters of text over all messages and related excerpts. */
  textChars: 120_000,
} as const;

const entityId = z.string().refine(isEntityId, "not a valid id");
const stamp = z.string().refine(isStamp, "not a stamp");

/** Where in the prompt a message was. */
export const SEEN_PARTS = ["conversation", "pinned"] as const;

export const seenMessage = z.strictObject({
  messageId: entityId,
  part: z.enum(SEEN_PARTS),
  /** Its version when the prompt was built: the stamp of its last edit, else of its creation. */
  version: stamp,
  authorId: z.string().min(1).max(128),
  /** Its text as the prompt had it. */
  text: z.string().max(MAX_BODY_LENGTH),
});

export const seenRelated = z.strictObject({
  messageId: entityId,
  channelId: z.string().min(1).max(64),
  channelName: z.string().max(100),
  threadTitle: z.string().max(MAX_TITLE_LENGTH),
  forkId: entityId.nullable(),
  authorId: z.string().min(1).max(128),
  /** When it was written (ISO 8601). */
  createdAt: z.string().max(40),
  /** The excerpt the prompt had. */
  excerpt: z.string().max(4_000),
});

/** A context item as the prompt had it (the item may have been edited or deleted since). */
export const seenContextItem = z.strictObject({
  itemId: z.string().min(1).max(64),
  kind: z.enum(CONTEXT_ITEM_KINDS),
  scope: z.enum(CONTEXT_SCOPES),
  /** Its last change when the prompt was built (ISO 8601). */
  updatedAt: z.string().max(40),
  text: z.string().max(MAX_CONTEXT_ITEM_LENGTH),
});

const seenContent = {
  /** The provider called; null when none was configured to be. */
  provider: z.enum(MODEL_PROVIDERS).nullable(),
  model: modelName,
  /** Pinned messages, then the conversation, oldest first. */
  messages: z.array(seenMessage).max(PROMPT_RECORD_LIMITS.messages),
  /** Best first. */
  related: z.array(seenRelated).max(PROMPT_RECORD_LIMITS.related),
  /** Messages of the prompt left out of this record to keep it within its bounds. */
  omittedMessages: z.number().int().min(0),
  /** Context items, in the prompt's order (most relevant first); absent in older records. */
  contextItems: z.array(seenContextItem).max(PROMPT_RECORD_LIMITS.contextItems).default([]),
};

type SeenText = { messages: { text: string }[]; related: { excerpt: string }[] };

function textChars({ messages, related }: SeenText): number {
  return (
    messages.reduce((sum, m) => sum + m.text.length, 0) +
    related.reduce((sum, r) => sum + r.excerpt.length, 0)
  );
}

const withinText = (record: SeenText) => textChars(record) <= PROMPT_RECORD_LIMITS.textChars;
const TEXT_LIMIT = `at most ${PROMPT_RECORD_LIMITS.textChars} characters of text in all`;

const attempt = z.number().int().min(1);

/** The bridge's report, naming its claim (attempt). */
export const promptRecordRequest = z
  .strictObject({ attempt, ...seenContent })
  .refine(withinText, { message: TEXT_LIMIT, path: ["messages"] });

/** One claim's record as an export file carries it (with its channel). */
export const exportedPrompt = z
  .strictObject({
    taskId: entityId,
    attempt,
    replyMessageId: entityId,
    recordedAt: z.iso.datetime({ offset: true }),
    ...seenContent,
  })
  .refine(withinText, { message: TEXT_LIMIT, path: ["messages"] });

export type SeenMessage = z.infer<typeof seenMessage>;
export type SeenRelated = z.infer<typeof seenRelated>;
export type SeenContextItem = z.infer<typeof seenContextItem>;
export type PromptRecordRequest = z.infer<typeof promptRecordRequest>;
export type PromptContent = Omit<PromptRecordRequest, "attempt">;
/** What a bridge sends (context items may be left out: none). */
export type PromptContentInput = Omit<z.input<typeof promptRecordRequest>, "attempt">;
export type ExportedPrompt = z.infer<typeof exportedPrompt>;

/**
 * The newest of `messages` (in order) that fit the record's bounds beside `related`, and how
 * many were left out.
 */
export function boundSeenMessages(
  messages: readonly SeenMessage[],
  related: readonly SeenRelated[],
): { messages: SeenMessage[]; omittedMessages: number } {
  let chars = textChars({ messages: [], related: [...related] });
  const kept: SeenMessage[] = [];
  for (const message of [...messages].reverse()) {
    chars += message.text.length;
    if (kept.length === PROMPT_RECORD_LIMITS.messages || chars > PROMPT_RECORD_LIMITS.textChars) {
      break;
    }
    kept.push(message);
  }
  return { messages: kept.reverse(), omittedMessages: messages.length - kept.length };
}

/** A message's version: the stamp of its last edit, else of its creation. */
export function messageVersion(message: { editedAt: string | null; createdAt: string }): string {
  return message.editedAt ?? message.createdAt;
}

/** One claim's record, as kept with the task. */
export interface PromptRecord extends PromptContent {
  attempt: number;
  /** The reply the claim wrote with this prompt. */
  replyMessageId: string;
  recordedAt: string;
  provider: ModelProviderName | null;
}

/** A record as one reader gets it: without related hits from channels they cannot read. */
export interface ReaderPromptRecord extends PromptRecord {
  /** How many related hits were left out for this reader. */
  relatedHidden: number;
}

/** GET /api/tasks/{id}/prompt: the task's records, one per claim that built a prompt, oldest first. */
export interface TaskPromptView {
  taskId: string;
  channelId: string;
  records: ReaderPromptRecord[];
}

/** The record of the claim that wrote `replyMessageId`, if any. */
export function recordOfReply(
  view: TaskPromptView,
  replyMessageId: string,
): ReaderPromptRecord | undefined {
  return view.records.findLast((record) => record.replyMessageId === replyMessageId);
}
