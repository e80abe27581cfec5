import type { AuditEntryView } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { type AuditNames, auditSentence } from "./audit-sentence.ts";

const names: AuditNames = {
  person: (id) => ({ u1: "Ada", u2: "Bob", a1: "Claude" })[id],
  channel: (id) => ({ c1: "design" })[id],
};

function entry(action: string, extra: Partial<AuditEntryView> = {}): AuditEntryView {
  return {
    id: 1,
    actorId: "u1",
    action,
    targetType: "user",
    targetId: "u2",
    details: null,
    createdAt: "2026-12-04T10:00:00.000Z",
    ...extra,
  };
}

describe("audit entries as sentences", () => {
  it("name the people and channels involved", () => {
    expect(
      auditSentence(
        entry("user.role_changed", { details: { from: "member", to: "admin" } }),
        names,
      ),
    ).toBe("Ada made Bob an admin (was member)");
    expect(
      auditSentence(
        entry("channel.member_added", {
          targetType: "channel",
          targetId: "c1",
          details: { userId: "u2" },
        }),
        names,
      ),
    ).toBe("Ada added Bob to #design");
    expect(
      auditSentence(
        entry("channel.created", {
          targetType: "channel",
          targetId: "c9",
          details: { name: "secret", visibility: "private" },
        }),
        names,
      ),
    ).toBe("Ada created the private channel #secret");
    expect(
      auditSentence(
        entry("agent.configured", {
          targetId: "a1",
          details: { change: { model: "x", apiKey: "set" } },
        }),
        names,
      ),
    ).toBe("Ada configured Claude (model, apiKey)");
    expect(
      auditSentence(
        entry("model_price.set", {
          targetType: "model_price",
          details: { provider: "anthropic", model: "claude-sonnet-5-5", inputPerMillion: 3 },
        }),
        names,
      ),
    ).toBe("Ada set the price of claude-sonnet-5-5 (anthropic)");
    expect(
      auditSentence(
        entry("workspace.set_up", { actorId: null, targetType: "workspace", targetId: null }),
        names,
      ),
    ).toBe("The server set up the workspace");
  });

  it("say who is unknown here, and read an action they do not know as a sentence", () => {
    expect(auditSentence(entry("user.deactivated", { targetId: "u7" }), names)).toBe(
      "Ada deactivated someone (u7)",
    );
    expect(
      auditSentence(entry("thing.frobnicated", { targetType: "invite", targetId: "i1" }), names),
    ).toBe("Ada did thing.frobnicated on invite i1");
  });
});
