// The signed-in workspace: header (menu on narrow screens, workspace, connection state, the
// search box while the workspace's settings leave search on, person), channel sidebar (a
// drawer on narrow screens) and the current channel or thread, over the signed-in person's
// services (state/person-services.ts: their open documents and files).
import type { SessionView } from "@openvibe/schema";
import { type ReactNode, useEffect, useMemo } from "react";
import { api } from "../api/endpoints.ts";
import { useOfflineKeeper } from "../offline/use-offline-keeper.ts";
import { useObservable } from "../state/observable.ts";
import { RememberQueue } from "../state/remember-queue.ts";
import { AttentionProvider } from "./attention/AttentionProvider.tsx";
import { ChannelGone } from "./ChannelGone.tsx";
import { ChannelView } from "./ChannelView.tsx";
import { ConnectionIndicator } from "./ConnectionIndicator.tsx";
import { extraScreen } from "./ExtraScreens.tsx";
import { FilesContext } from "./files/files-context.tsx";
import { Home } from "./Home.tsx";
import { KeyboardShortcuts } from "./keyboard/KeyboardShortcuts.tsx";
import { MenuButton } from "./layout/MenuButton.tsx";
import { useDrawer } from "./layout/use-drawer.ts";
import { NewVersionNotice } from "./NewVersionNotice.tsx";
import type { Route } from "./routes.ts";
import { Sidebar } from "./Sidebar.tsx";
import { SearchBox } from "./search/SearchBox.tsx";
import { SearchProvider } from "./search/SearchProvider.tsx";
import { SignedInContext, type SignedInServices, useServices, useSignedIn } from "./services.tsx";
import { ThreadView } from "./ThreadView.tsx";
import { useWorkspaceSettings } from "./use-workspace-settings.ts";

function Content({ route }: { route: Route }): ReactNode {
  const revoked = useObservable(useSignedIn().replicas.revoked);
  if ((route.screen === "channel" || route.screen === "thread") && revoked.has(route.channelId)) {
    return <ChannelGone channelId={route.channelId} />;
  }
  if (route.screen === "thread") return <ThreadView {...route} />;
  if (route.screen === "channel") return <ChannelView channelId={route.channelId} />;
  const extra = extraScreen(route);
  if (extra !== null) return extra;
  return <Home />;
}

/** The person's queue of "Remember this" made offline, sent at start and when the server is back. */
function useRememberQueue(userId: string): RememberQueue {
  const { store } = useServices();
  const queue = useMemo(() => new RememberQueue(userId), [userId]);
  useEffect(() => {
    const send = () => void queue.send();
    send();
    window.addEventListener("online", send);
    const stop = store.onMetadataChanged(({ lists }) => {
      if (lists.includes("context-items")) send();
    });
    return () => {
      window.removeEventListener("online", send);
      stop();
    };
  }, [queue, store]);
  return queue;
}

export function Shell({ session, route }: { session: SessionView; route: Route }): ReactNode {
  const services = useServices();
  const { store } = services;
  const workspace = useObservable(store.workspace);
  const { features } = useWorkspaceSettings();
  const person = useObservable(services.person);
  // A moment after the signed-in person changed, the services may still be the last one's.
  const current = person?.userId === session.user.id ? person : null;
  const replicas = current?.replicas ?? null;
  const drawer = useDrawer(route);
  const rememberQueue = useRememberQueue(session.user.id);
  useOfflineKeeper(replicas, store, session.user.id, route);
  const signedIn = useMemo<SignedInServices | null>(
    () =>
      replicas === null
        ? null
        : {
            store,
            replicas,
            me: session.user,
            actor: { kind: "human", id: session.user.id },
            rememberQueue,
          },
    [store, replicas, session.user, rememberQueue],
  );
  if (signedIn === null || current === null) return null;
  const channelId =
    route.screen === "channel" || route.screen === "thread" ? route.channelId : null;
  return (
    <SignedInContext.Provider value={signedIn}>
      <FilesContext.Provider value={current.files}>
        <AttentionProvider route={route}>
          <SearchProvider>
            <div className={drawer.open ? "shell drawer-open" : "shell"}>
              <header className="topbar">
                <MenuButton drawer={drawer} />
                <span className="workspace-name">{workspace?.name ?? "OpenVibe"}</span>
                <ConnectionIndicator />
                <NewVersionNotice />
                {features.search && <SearchBox searchViewOpen={route.screen === "search"} />}
                <span className="me">{session.user.displayName}</span>
                <button
                  type="button"
                  onClick={() => void api.logout().finally(() => void store.signedOut())}
                >
                  Sign out
                </button>
              </header>
              <Sidebar currentChannelId={channelId} />
              <main>
                <Content route={route} />
              </main>
            </div>
          </SearchProvider>
          <KeyboardShortcuts route={route} />
        </AttentionProvider>
      </FilesContext.Provider>
    </SignedInContext.Provider>
  );
}
