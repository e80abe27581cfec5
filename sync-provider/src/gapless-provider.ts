// A Hocuspocus provider that sends no update the server could not place. The stock provider
// sends every local change at once, also while a sync handshake is under way; but a copy holding
// content the server lacks (a thread just started on this device, changes made offline) only
// hands that content over in its sync step 2, which answers the server's step 1. A change made in
// between builds on content the server has not got yet: the write guard refuses such an update
// ("update has gaps", sync-server/src/collaboration/update-inspection.ts), closes the document's
// connection, and the copy is set aside and replaced (a reply sent right after starting a thread
// vanished for seconds, under load for good). So until this round's step 2 has gone out a change
// is not sent: the step 2, made from the whole document, carries it, and the server's answer to
// that step 2 acknowledges it. Every peer that writes uses it: the browser's replicas
// (client/src/sync/document-replica.ts) and the agent bridge's channel connections (a reply keeps
// streaming through an outage and is handed over by the reconnection's step 2).
import {
  HocuspocusProvider,
  type HocuspocusProviderConfiguration,
  MessageType,
  type onMessageParameters,
} from "@hocuspocus/provider";
import { messageYjsSyncStep1 } from "y-protocols/sync";

export class GaplessProvider extends HocuspocusProvider {
  /** This connection's step 2 has gone out: later changes reach the server after it. */
  private handshakeAnswered = false;

  constructor(configuration: HocuspocusProviderConfiguration) {
    super(configuration);
    // Heard before the provider applies the message: the step 2 answering a step 1 is sent in
    // that same call, before any other change to the document can happen.
    this.on("message", ({ message }: onMessageParameters) => {
      message.readVarString();
      if (message.readVarUint() !== MessageType.Sync) return;
      if (message.readVarUint() === messageYjsSyncStep1) this.handshakeAnswered = true;
    });
  }

  override startSync(): void {
    this.handshakeAnswered = false;
    super.startSync();
  }

  override onClose(): void {
    this.handshakeAnswered = false;
    super.onClose();
  }

  override documentUpdateHandler(update: Uint8Array, origin: unknown): void {
    if (this.handshakeAnswered) super.documentUpdateHandler(update, origin);
  }
}
