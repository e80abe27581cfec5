// The page's first work, imported by main.tsx before everything but the zod setting, so that it
// runs before the rest of the bundle is evaluated: the local copies of the documents the address
// names start opening now (sync/early-copies.ts), for the person whose session is cached here.
import { markBoot } from "./boot-marks.ts";
import { cachedSession } from "./state/cached-session.ts";
import { documentsOnScreen } from "./sync/documents-on-screen.ts";
import { openEarlyCopies } from "./sync/early-copies.ts";

markBoot("script");
const session = cachedSession();
if (session !== null) openEarlyCopies(session.user.id, documentsOnScreen(location.pathname));
