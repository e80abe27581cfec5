// Whom a person may start a direct message with: active people and agents, not guests, not
// themself (the server's rule, canBeInDirectMessage, decides; this only offers).
import type { UserView } from "@openvibe/schema";

export function directMessageCandidates<T extends Pick<UserView, "id" | "status" | "role">>(
  people: readonly T[],
  meId: string,
): T[] {
  return people.filter(
    (person) => person.id !== meId && person.status === "active" && person.role !== "guest",
  );
}
