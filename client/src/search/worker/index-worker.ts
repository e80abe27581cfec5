// The index worker's entry (started by start-index-worker.ts): the first message names the
// person whose saved index to open; every other one goes to the IndexKeeper.
import { dexieIndexStore } from "../index-store.ts";
import { IndexKeeper } from "./index-keeper.ts";
import type { FromIndex, IndexPort, ToIndex } from "./protocol.ts";

const scope = self as unknown as IndexPort<ToIndex, FromIndex>;
let keeper: IndexKeeper | null = null;

scope.addEventListener("message", ({ data }) => {
  if (data.type === "open") {
    keeper ??= new IndexKeeper(dexieIndexStore(data.userId), (message) =>
      scope.postMessage(message),
    );
  }
  keeper?.receive(data);
});
