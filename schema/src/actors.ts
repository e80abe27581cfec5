export const ACTOR_KINDS = ["human", "agent", "system"] as const;

export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Who did something. Stored as a plain `{kind, id}` object inside entries. */
export interface Actor {
  readonly kind: ActorKind;
  readonly id: string;
}

export const MAX_ACTOR_ID_LENGTH = 128;

/** The actor used for changes no person or agent asked for (channel set-up, migrations). */
export const SYSTEM_ACTOR: Actor = { kind: "system", id: "system" };

/** Actor ids end up inside reaction keys (`message|emoji|actor`), so `|` is not allowed. */
export function isActorId(value: unknown): value is string {
  return (
    typeof value === "string" &&
    value.length > 0 &&
    value.length <= MAX_ACTOR_ID_LENGTH &&
    !value.includes("|")
  );
}

export function isActor(value: unknown): value is Actor {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { kind?: unknown; id?: unknown };
  return ACTOR_KINDS.some((kind) => kind === candidate.kind) && isActorId(candidate.id);
}

export function sameActor(a: Actor, b: Actor): boolean {
  return a.kind === b.kind && a.id === b.id;
}

/** A fresh `{kind, id}` object without any extra fields the caller's object may carry. */
export function plainActor(actor: Actor): Actor {
  return { kind: actor.kind, id: actor.id };
}
