// Hocuspocus extension that counts what flows through the documents: every update a peer sent
// that the server applied (and its bytes), and the copies forwarded to connections.
import type { Extension, onChangePayload } from "@hocuspocus/server";
import type { ServerMetrics } from "../metrics/server-metrics.ts";
import { senderOf } from "./connection-context.ts";

export class UpdateMetrics implements Extension {
  readonly extensionName = "openvibe-update-metrics";
  private readonly metrics: ServerMetrics;

  constructor(metrics: ServerMetrics) {
    this.metrics = metrics;
  }

  async onChange({ update, clientsCount, transactionOrigin }: onChangePayload): Promise<void> {
    const fromPeer = senderOf(transactionOrigin) !== undefined;
    if (fromPeer) {
      this.metrics.updatesIn.inc();
      this.metrics.updateBytesIn.inc(update.byteLength);
    }
    // Every connection but the sender's receives it.
    this.metrics.updatesOut.inc(Math.max(0, clientsCount - (fromPeer ? 1 : 0)));
  }
}
