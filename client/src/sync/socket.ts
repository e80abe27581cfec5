// The one WebSocket every open channel shares, and the connection state the
// indicator shows. Reconnects back off with jitter, the first attempt included
// (`RECONNECT_OPTIONS` in @openvibe/schema); the browser's "online" event starts
// over without the backoff's growing wait, and its "offline" event closes the
// socket at once.
import { HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { jitterFirstAttempt, RECONNECT_OPTIONS } from "@openvibe/schema";
import { Observable } from "../state/observable.ts";
import { type ConnectionState, connectionState, type SocketStatus } from "./connection-state.ts";

export interface SharedSocket {
  websocket: HocuspocusProviderWebsocket;
  state: Observable<ConnectionState>;
  destroy(): void;
}

function socketUrl(location: Location): string {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${location.host}/`;
}

export function openSharedSocket(): SharedSocket {
  const websocket = new HocuspocusProviderWebsocket({
    url: socketUrl(window.location),
    ...RECONNECT_OPTIONS,
  });
  jitterFirstAttempt(websocket);
  let status: SocketStatus = "connecting";
  const state = new Observable<ConnectionState>(connectionState(navigator.onLine, status));
  // Whenever the browser says it is offline, so is the app, even before its "offline" event
  // arrives: a connection that lingers would take writes the top bar already calls offline.
  // Reconnecting on "online" syncs whatever was written.
  const refresh = () => {
    if (!navigator.onLine) websocket.disconnect();
    state.set(connectionState(navigator.onLine, status));
  };
  // connect() does nothing while the socket still counts as open, and the close that the
  // "offline" event began can still be on its way when "online" arrives: the socket then stayed
  // closed for good, the top bar saying Offline (seen in the write-refused e2e test). So "online"
  // connects at once, or as soon as that close has happened.
  let connectOnceClosed = false;
  websocket.on("status", ({ status: next }: { status: SocketStatus }) => {
    status = next;
    refresh();
    if (connectOnceClosed && next === "disconnected" && navigator.onLine) {
      connectOnceClosed = false;
      void websocket.connect();
    }
  });
  const onOnline = () => {
    refresh();
    if (status === "connected") connectOnceClosed = true;
    else void websocket.connect();
  };
  window.addEventListener("online", onOnline);
  window.addEventListener("offline", refresh);
  return {
    websocket,
    state,
    destroy() {
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", refresh);
      websocket.destroy();
    },
  };
}
