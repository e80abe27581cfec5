// The signed-in person's long-lived services: their open documents (sync/replicas.ts) and their
// files (the cache of files seen, the outbox of files not yet on the server). Made as soon as a
// session is shown (on a warm open the cached one, read from localStorage), outside React, so that
// the shell's first render has them and the document on screen opens in that render, not one
// effect and one more render later. Ended when the person signs out or another one signs in.
import { FileCache } from "../files/file-cache.ts";
import { filesDatabase } from "../files/files-database.ts";
import { Outbox } from "../files/outbox.ts";
import { ReplicaRegistry } from "../sync/replicas.ts";
import type { FilesServices } from "../ui/files/files-context.tsx";
import { firstScreenIdle } from "../ui/first-screen.ts";
import { Observable } from "./observable.ts";
import type { SessionState, WorkspaceStore } from "./workspace-store.ts";

export class PersonServices {
  readonly userId: string;
  readonly replicas: ReplicaRegistry;
  readonly files: FilesServices;
  private readonly onOnline: () => void;

  constructor(userId: string, store: WorkspaceStore) {
    this.userId = userId;
    const replicas: ReplicaRegistry = new ReplicaRegistry(userId, {
      onSessionEnded: () => void store.signedOut(),
      onAccessRevoked: (channelId) => {
        replicas.closeRevoked(channelId);
        void store.membershipEnded(channelId).then(() => store.refresh());
      },
      onPermissionsChanged: () => void store.refresh(),
      onMetadataChanged: (change) => void store.metadataChanged(change),
    });
    this.replicas = replicas;
    // Their first reads wait for the first screen: IndexedDB requests made together wait on one
    // another (seen in traces of a warm open), and the document on screen is read first.
    const start = firstScreenIdle();
    const cache = new FileCache(filesDatabase, undefined, start);
    this.files = { cache, outbox: new Outbox(userId, cache, filesDatabase, start) };
    this.onOnline = () => void store.start();
    window.addEventListener("online", this.onOnline);
  }

  destroy(): void {
    window.removeEventListener("online", this.onOnline);
    this.files.outbox.destroy();
    this.replicas.destroy();
  }
}

function signedInUser(state: SessionState): string | null {
  return state.status === "signed-in" ? state.session.user.id : null;
}

/** Services for whoever the store says is signed in (null while nobody is), kept in step. */
export function followSignedInPerson(store: WorkspaceStore): Observable<PersonServices | null> {
  const person = new Observable<PersonServices | null>(null);
  const follow = () => {
    const userId = signedInUser(store.session.get());
    const current = person.get();
    if (current?.userId === userId) return;
    current?.destroy();
    person.set(userId === null ? null : new PersonServices(userId, store));
  };
  store.session.subscribe(follow);
  follow();
  return person;
}
