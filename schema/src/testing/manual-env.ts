import type { Env } from "../ids.ts";

/** A deterministic {@link Env}: the clock moves only when told, ids count up from a prefix. */
export interface ManualEnv extends Env {
  setNow(ms: number): void;
  advance(ms: number): void;
}

export interface ManualEnvOptions {
  readonly startMs?: number;
  readonly idPrefix?: string;
}

export function createManualEnv(options: ManualEnvOptions = {}): ManualEnv {
  let nowMs = options.startMs ?? 1_700_000_000_000;
  let idCount = 0;
  const prefix = options.idPrefix ?? "id-";
  return {
    now: () => nowMs,
    newId: () => {
      idCount += 1;
      return `${prefix}${String(idCount).padStart(6, "0")}`;
    },
    setNow: (ms) => {
      nowMs = ms;
    },
    advance: (ms) => {
      nowMs += ms;
    },
  };
}
