// GET and PUT /api/me/read-positions: how far the caller has read, per thread (and per channel,
// threadId null), kept on the server so the caller's other devices agree. Positions only move
// forward: a PUT keeps the later stamp per key.
import { z } from "zod";
import type { Stamp } from "../clock.ts";
import { id } from "./fields.ts";

/** Most positions one PUT may carry. */
export const MAX_READ_POSITIONS_PER_PUT = 500;

export const readPositionInput = z.object({
  channelId: id,
  /** null: the channel-wide position (everything up to it counts as read). */
  threadId: id.nullable(),
  stamp: z.string().regex(/^\d{15}\.\d{6}$/, "not a valid stamp"),
});

export const putReadPositionsRequest = z
  .array(readPositionInput)
  .max(MAX_READ_POSITIONS_PER_PUT, `at most ${MAX_READ_POSITIONS_PER_PUT} positions at once`);

export type ReadPositionInput = z.infer<typeof readPositionInput>;
export type PutReadPositionsRequest = z.infer<typeof putReadPositionsRequest>;

export interface ReadPositionView {
  channelId: string;
  threadId: string | null;
  stamp: Stamp;
  /** When the server last moved this position (ISO 8601). */
  updatedAt: string;
}
