// Marks messages written offline (a projection run once per turn by MessageProjections). The
// server is the first to receive every message, so it is the one peer that knows when a message
// really arrived: when that is long after the message's stamp (see LATE_ARRIVAL_THRESHOLD_MS), it
// records the arrival time in the document, and every peer shows the message as "sent while
// offline" — the author's own browser too, and whoever opens the channel later. The record is a
// change of the server's own, made at the end of the turn that brought the message, never inside
// a peer's update.
import { LATE_ARRIVAL_THRESHOLD_MS, recordLateArrivals, stampWallTime } from "@openvibe/schema";
import type { Logger } from "../logger.ts";
import type { ChannelMessageBatch, MessageProjection } from "./message-projections.ts";

export class LateArrivals implements MessageProjection {
  readonly projectionName = "late arrivals";
  private readonly logger: Logger;

  constructor(logger: Logger) {
    this.logger = logger;
  }

  project(batch: ChannelMessageBatch): void {
    // Messages by the time they arrived; most arrive on time and are read no further.
    const late = new Map<number, string[]>();
    for (const [id, { receivedAt }] of batch.added) {
      const createdAt = batch.message(id)?.createdAt;
      const writtenAt = createdAt === undefined ? undefined : stampWallTime(createdAt);
      if (writtenAt === undefined || receivedAt - writtenAt <= LATE_ARRIVAL_THRESHOLD_MS) continue;
      late.set(receivedAt, [...(late.get(receivedAt) ?? []), id]);
    }
    for (const [receivedAt, ids] of late) {
      const recorded = recordLateArrivals(batch.document, ids, receivedAt);
      if (recorded.length > 0) {
        this.logger.debug(
          { channelId: batch.channelId, messages: recorded.length },
          "messages sent while offline",
        );
      }
    }
  }
}
