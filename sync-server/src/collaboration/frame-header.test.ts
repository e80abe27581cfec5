import { AuthMessageType } from "@hocuspocus/common";
import { MessageType } from "@hocuspocus/server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hocuspocusFrame as frame } from "../../test/support/hocuspocus-frame.ts";
import { frameHeader } from "./frame-header.ts";

describe("frameHeader", () => {
  it("reads the address, the document without a session id, the type and an Auth sub-type", () => {
    expect(frameHeader(frame("thread:c:t", MessageType.Sync))).toEqual({
      address: "thread:c:t",
      document: "thread:c:t",
      type: MessageType.Sync,
      authType: null,
    });
    expect(
      frameHeader(frame("thread:c:t\0session", MessageType.Auth, AuthMessageType.PermissionDenied)),
    ).toEqual({
      address: "thread:c:t\0session",
      document: "thread:c:t",
      type: MessageType.Auth,
      authType: AuthMessageType.PermissionDenied,
    });
  });

  it("answers each frame for itself when frames alternate (the last one is remembered)", () => {
    const a = frame("channel:a", MessageType.Sync);
    const b = frame("channel:b", MessageType.CLOSE);
    for (const [next, document] of [
      [a, "channel:a"],
      [a, "channel:a"],
      [b, "channel:b"],
      [a, "channel:a"],
    ] as const) {
      expect(frameHeader(next)?.document).toBe(document);
    }
  });

  it("reads back any address and type, and gives null (never throws) for any other bytes", () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), (address, type) => {
        const header = frameHeader(frame(address, type, type === MessageType.Auth ? 0 : undefined));
        expect(header?.address).toBe(address);
        expect(header?.type).toBe(type);
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const header = frameHeader(bytes);
        if (header !== null) expect(typeof header.document).toBe("string");
      }),
    );
  });
});
