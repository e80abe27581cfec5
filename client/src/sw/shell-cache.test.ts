import { describe, expect, it } from "vitest";
import { cacheNameFor, isShellRequest } from "./shell-cache.ts";

const ORIGIN = "https://chat.example";

describe("isShellRequest", () => {
  it("serves pages and built assets of this origin from the shell", () => {
    expect(isShellRequest("GET", new URL(`${ORIGIN}/c/abc`), ORIGIN)).toBe(true);
    expect(isShellRequest("GET", new URL(`${ORIGIN}/assets/main-1.js`), ORIGIN)).toBe(true);
  });

  it("leaves the API, health, writes and other origins to the network", () => {
    expect(isShellRequest("GET", new URL(`${ORIGIN}/api/channels`), ORIGIN)).toBe(false);
    expect(isShellRequest("GET", new URL(`${ORIGIN}/health`), ORIGIN)).toBe(false);
    expect(isShellRequest("POST", new URL(`${ORIGIN}/c/abc`), ORIGIN)).toBe(false);
    expect(isShellRequest("GET", new URL("https://cdn.example/x.js"), ORIGIN)).toBe(false);
  });
});

describe("cacheNameFor", () => {
  it("changes with the list of files and is stable for the same list", () => {
    const first = cacheNameFor(["/", "/assets/a-1.js"]);
    expect(cacheNameFor(["/", "/assets/a-1.js"])).toBe(first);
    expect(cacheNameFor(["/", "/assets/a-2.js"])).not.toBe(first);
  });
});
