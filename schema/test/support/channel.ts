import { expect } from "vitest";
import * as Y from "yjs";
import {
  type Actor,
  ChannelError,
  type ChannelErrorCode,
  createManualEnv,
  initChannel,
  type ManualEnv,
} from "../../src/index.ts";

export const alice: Actor = { kind: "human", id: "alice" };
export const bob: Actor = { kind: "human", id: "bob" };
export const helper: Actor = { kind: "agent", id: "helper" };
export const reviewer: Actor = { kind: "agent", id: "reviewer" };

export interface TestChannel {
  readonly doc: Y.Doc;
  readonly env: ManualEnv;
}

/** A fresh, initialised channel document with a manual clock and predictable ids. */
export function newChannel(idPrefix = "id-"): TestChannel {
  const doc = new Y.Doc();
  initChannel(doc, "general");
  return { doc, env: createManualEnv({ idPrefix }) };
}

/** Sends `to` everything `from` has that `to` lacks. */
export function syncInto(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

export function syncAll(docs: readonly Y.Doc[]): void {
  for (const from of docs) for (const to of docs) if (from !== to) syncInto(from, to);
}

/** Asserts the operation is refused with `code` and leaves the document exactly as it was. */
export function expectRefused(
  doc: Y.Doc,
  code: ChannelErrorCode,
  operation: () => unknown,
): ChannelError {
  const stateVector = Y.encodeStateVector(doc);
  const state = Y.encodeStateAsUpdate(doc);
  let updates = 0;
  const countUpdate = () => {
    updates += 1;
  };
  doc.on("update", countUpdate);
  let thrown: unknown;
  try {
    operation();
  } catch (error) {
    thrown = error;
  } finally {
    doc.off("update", countUpdate);
  }
  expect(thrown).toBeInstanceOf(ChannelError);
  const error = thrown as ChannelError;
  expect(error.code).toBe(code);
  expect(updates).toBe(0);
  expect(Y.encodeStateVector(doc)).toEqual(stateVector);
  expect(Y.encodeStateAsUpdate(doc)).toEqual(state);
  return error;
}
