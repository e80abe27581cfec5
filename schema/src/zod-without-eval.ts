// Imported first by the browser client (`@openvibe/schema/zod-without-eval`),
// before any schema is built: zod 4 otherwise probes `new Function("")` to
// compile fast object parsers, which a Content-Security-Policy without
// 'unsafe-eval' refuses and reports as a violation. The interpreted parsers
// give the same answers.
import { config } from "zod";

config({ jitless: true });
