// What components reach through context: the workspace store, and the signed-in person's
// services (open documents, files).
import type { Actor, UserView } from "@openvibe/schema";
import { createContext, useContext, useMemo } from "react";
import { type Observable, useObservable } from "../state/observable.ts";
import type { PersonServices } from "../state/person-services.ts";
import type { RememberQueue } from "../state/remember-queue.ts";
import type { WorkspaceStore } from "../state/workspace-store.ts";
import type { ReplicaRegistry } from "../sync/replicas.ts";

export interface Services {
  store: WorkspaceStore;
  /** The signed-in person's open documents and files; null while nobody is signed in. */
  person: Observable<PersonServices | null>;
}

export interface SignedInServices {
  store: WorkspaceStore;
  replicas: ReplicaRegistry;
  me: UserView;
  actor: Actor;
  /** "Remember this" requests made offline, sent when the server can be reached. */
  rememberQueue: RememberQueue;
}

export const ServicesContext = createContext<Services | null>(null);
export const SignedInContext = createContext<SignedInServices | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (services === null) throw new Error("useServices outside ServicesContext");
  return services;
}

export function useSignedIn(): SignedInServices {
  const services = useContext(SignedInContext);
  if (services === null) throw new Error("useSignedIn outside a signed-in shell");
  return services;
}

/** Display names by user id, for authors and reactions. */
export function usePeopleById(): Map<string, UserView> {
  const people = useObservable(useServices().store.people);
  return useMemo(() => new Map(people.map((person) => [person.id, person])), [people]);
}
