// The scenarios, in the order a run takes them.
import type { RunContext } from "../context.ts";
import type { ScenarioResult } from "../report.ts";
import { fanout } from "./fanout.ts";

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
} satisfies Record<string, Scenario>;

export type ScenarioId = keyof typeof SCENARIOS;
