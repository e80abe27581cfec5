// Destroying a provider whose document connection the server has already ended (a close with a
// reason such as write-refused). A provider's destroy normally sends the server a CLOSE for its
// document; Hocuspocus 4 queues a message for a document it holds no connection for as the
// start of a new one and replays it once that document is opened again on the same socket,
// which closes the fresh connection (reason "provider_initiated"). So the provider leaves the
// socket's map first, and nothing is sent.
import type { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";

export function destroyClosedProvider(
  websocket: HocuspocusProviderWebsocket,
  provider: HocuspocusProvider,
): void {
  const { providerMap } = websocket.configuration;
  if (providerMap.get(provider.effectiveName) === provider) {
    providerMap.delete(provider.effectiveName);
  }
  provider.destroy();
}
