// The scenarios, in the order a run takes them.
import type { RunContext } from "../context.ts";
import type { ScenarioResult } from "../report.ts";
import { coldOpen } from "./cold-open.ts";
import { fanout } from "./fanout.ts";
import { manyChannels } from "./many-channels.ts";
import { oneWriter } from "./one-writer.ts";
import { longChannelPersistence, persistence } from "./persistence.ts";
import { reconnect } from "./reconnect.ts";
import { streaming } from "./streaming.ts";

export interface Scenario {
  id: string;
  summary: string;
  run(context: RunContext): Promise<ScenarioResult>;
}

export const SCENARIOS = {
  fanout: {
    id: "fanout",
    summary: "1. one busy channel, rising rates, many receivers",
    run: fanout,
  },
  "one-writer": {
    id: "one-writer",
    summary: "1b. one writer, one receiver, full speed",
    run: oneWriter,
  },
  "many-channels": { id: "many-channels", summary: "2. many small channels", run: manyChannels },
  persistence: {
    id: "persistence",
    summary: "3. bytes written, loop delay, SIGKILL",
    run: persistence,
  },
  "long-channels": {
    id: "long-channels",
    summary: "3b. bytes written in long channels, each server's own layout",
    run: longChannelPersistence,
  },
  "cold-open": {
    id: "cold-open",
    summary: "4. opening a large channel cold, warm, one behind",
    run: coldOpen,
  },
  reconnect: { id: "reconnect", summary: "5. reconnect storm", run: reconnect },
  streaming: {
    id: "streaming",
    summary: "6. agents streaming replies to many viewers",
    run: streaming,
  },
} satisfies Record<string, Scenario>;

export type ScenarioId = keyof typeof SCENARIOS;
