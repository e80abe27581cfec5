// What the connection indicator shows: a pure function of the browser's
// network flag and the shared socket's status.

export type SocketStatus = "connecting" | "connected" | "disconnected";
export type ConnectionState = "online" | "connecting" | "offline";

export function connectionState(browserOnline: boolean, socket: SocketStatus): ConnectionState {
  if (!browserOnline) return "offline";
  if (socket === "connected") return "online";
  return socket === "connecting" ? "connecting" : "offline";
}
