export { GaplessProvider } from "./gapless-provider.ts";
