import { forksMap, messagesMap, metaMap, pinsMap, reactionsMap, threadsMap } from "../layout.ts";
import type { ChannelMigration } from "./migration.ts";

/**
 * Version 1: the initial layout (meta, threads, forks, messages, reactions, pins). Root maps
 * exist by name on every replica, so declaring them is all there is to do.
 */
export const initialLayout: ChannelMigration = {
  version: 1,
  description: "initial layout: meta, threads, forks, messages, reactions, pins",
  up(doc) {
    for (const declare of [metaMap, threadsMap, forksMap, messagesMap, reactionsMap, pinsMap]) {
      declare(doc);
    }
  },
};
