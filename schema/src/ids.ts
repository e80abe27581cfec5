import { monotonicFactory } from "ulid";
import { ChannelError } from "./errors.ts";

/** What an operation needs from the outside world; injected so tests are deterministic. */
export interface Env {
  now(): number;
  newId(): string;
}

export function createDefaultEnv(): Env {
  const nextUlid = monotonicFactory();
  return { now: () => Date.now(), newId: () => nextUlid() };
}

export const defaultEnv: Env = createDefaultEnv();

export const MAX_ID_LENGTH = 128;

/** Entity ids are map keys and parts of reaction keys, so they may not contain `|`. */
export function isEntityId(value: unknown): value is string {
  return (
    typeof value === "string" &&
    value.length > 0 &&
    value.length <= MAX_ID_LENGTH &&
    !value.includes("|")
  );
}

export function freshId(env: Env): string {
  const id = env.newId();
  if (!isEntityId(id)) {
    throw new ChannelError(
      "invalid_input",
      `env.newId() returned an unusable id ${JSON.stringify(id)}`,
    );
  }
  return id;
}
