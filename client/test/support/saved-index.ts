// What the browser saved of its search index (the Dexie database openvibe-search:<user>, read
// with plain IndexedDB from the page): when it was built and how many messages it holds.
import type { Page } from "playwright-core";

/** The saved index in this browser (Dexie database openvibe-search:<user>): its build time and size. */
export function savedIndex(page: Page): Promise<{ builtAt: number; documents: number } | null> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((db) => db.name ?? "");
    const name = names.find((n) => n.startsWith("openvibe-search:"));
    if (name === undefined) return null;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const read = (store: string, key?: string) =>
      new Promise<unknown>((resolve, reject) => {
        const objects = db.transaction(store).objectStore(store);
        const request = key === undefined ? objects.getAll() : objects.get(key);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const description = (await read("description", "index")) as { builtAt: number } | undefined;
    const segments = (await read("segments")) as { ids: string[] }[];
    const documents = segments.map(({ ids }) => ids.length);
    db.close();
    return description === undefined
      ? null
      : {
          builtAt: description.builtAt,
          documents: documents.reduce((sum, count) => sum + count, 0),
        };
  });
}
