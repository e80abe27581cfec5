// Says when the workspace metadata a page shows (channels, people, settings,
// a channel's members) may be stale, so it is fetched again over HTTP: when
// the server tells the page so (a stateless message on any of its channel
// connections, sync-server's metadata-signals.ts), and when the socket is back
// after being away (offline, the server restarting), once a channel has
// synced over it: what changed meanwhile was told to nobody on this page.
import type { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { METADATA_LISTS, type MetadataChanged, parseMetadataChanged } from "@openvibe/schema";

/** Every list, of every channel: what a page may have missed while away. */
const EVERYTHING: MetadataChanged = { type: "metadata-changed", lists: [...METADATA_LISTS] };

export class MetadataSignals {
  private readonly onChange: (change: MetadataChanged) => void;
  /** From the page's start and each disconnection until a channel has synced again. */
  private away = true;

  constructor(socket: HocuspocusProviderWebsocket, onChange: (change: MetadataChanged) => void) {
    this.onChange = onChange;
    socket.on("status", ({ status }: { status: string }) => {
      if (status === "disconnected") this.away = true;
    });
  }

  /** Listens to one channel's connection (it may carry the page's next message). */
  watch(provider: HocuspocusProvider): void {
    provider.on("stateless", ({ payload }: { payload: string }) => {
      const change = parseMetadataChanged(payload);
      if (change !== null) this.onChange(change);
    });
    provider.on("synced", ({ state }: { state: boolean }) => {
      if (!state || !this.away) return;
      this.away = false;
      this.onChange(EVERYTHING);
    });
  }
}
