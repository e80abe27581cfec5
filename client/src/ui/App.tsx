// Chooses the screen: first run, sign-in or invite when signed out, the
// workspace shell when signed in.
import type { ReactNode } from "react";
import { useEffect } from "react";
import { useObservable } from "../state/observable.ts";
import { InviteScreen, SetupScreen, SignInScreen } from "./AuthScreens.tsx";
import { navigate, useRoute } from "./navigation.ts";
import { Shell } from "./Shell.tsx";
import { useServices } from "./services.tsx";

const SIGNED_OUT_SCREENS = new Set(["setup", "login", "invite"]);

export function App(): ReactNode {
  const { store } = useServices();
  const state = useObservable(store.session);
  const route = useRoute();
  const signedIn = state.status === "signed-in";
  const onSignedOutScreen = SIGNED_OUT_SCREENS.has(route.screen);

  useEffect(() => {
    if (signedIn && onSignedOutScreen) navigate({ screen: "home" }, { replace: true });
  }, [signedIn, onSignedOutScreen]);

  if (state.status === "loading") return <p className="empty">Loading…</p>;
  if (state.status === "signed-in") return <Shell session={state.session} route={route} />;
  if (route.screen === "invite") return <InviteScreen token={route.token} />;
  return state.setUp ? <SignInScreen /> : <SetupScreen />;
}
