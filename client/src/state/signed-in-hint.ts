// Who this device last had signed in, kept in localStorage: the page's first script reads it
// synchronously, to open the local copies of the documents on screen while the session is still
// being read from IndexedDB (sync/early-copies.ts). Only a hint: the cached session and the
// server decide who is signed in, and copies opened for anyone else are dropped unused.
const KEY = "openvibe:signed-in-user";

export function signedInUserHint(storage: Storage = localStorage): string | null {
  return storage.getItem(KEY);
}

/** Remembers the person now signed in (null: nobody). */
export function rememberSignedInUser(userId: string | null, storage: Storage = localStorage): void {
  if (userId === null) storage.removeItem(KEY);
  else if (storage.getItem(KEY) !== userId) storage.setItem(KEY, userId);
}
