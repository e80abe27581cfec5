import { describe, expect, it } from "vitest";
import { plainTextOfMarkdown } from "../src/plain-text.ts";

describe("Markdown as plain text", () => {
  it("leaves out marks that open or close emphasis, strong and strike-through", () => {
    expect(plainTextOfMarkdown("**bold**, _it_, (*a*) and ~~old~~")).toBe("bold, it, (a) and old");
    expect(plainTextOfMarkdown("***very*** …**cut")).toBe("very …cut");
  });

  it("keeps marks that neither open nor close: snake_case, arithmetic, a lone **", () => {
    expect(plainTextOfMarkdown("snake_case_name")).toBe("snake_case_name");
    expect(plainTextOfMarkdown("2 * 3 = 2*3")).toBe("2 * 3 = 2*3");
    expect(plainTextOfMarkdown("**")).toBe("**");
    expect(plainTextOfMarkdown("about ~5 minutes")).toBe("about ~5 minutes");
  });

  it("keeps code spans and escaped characters as written", () => {
    expect(plainTextOfMarkdown("run `__init__` and \\*not\\* this")).toBe(
      "run __init__ and *not* this",
    );
  });

  it("keeps link and image text, not addresses, also when cut", () => {
    expect(plainTextOfMarkdown("[docs](https://x.y) ![map](m.png) <https://a.b>")).toBe(
      "docs map https://a.b",
    );
    expect(plainTextOfMarkdown("…docs](https://x.y) more")).toBe("…docs more");
  });
});
