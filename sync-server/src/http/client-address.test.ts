import { describe, expect, it } from "vitest";
import { ClientAddresses } from "./client-address.ts";

describe("ClientAddresses", () => {
  it("is the TCP peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    const addresses = new ClientAddresses([]);
    expect(addresses.of("::ffff:127.0.0.1", "203.0.113.7")).toBe("127.0.0.1");
    expect(addresses.of(undefined, null)).toBe("unknown");
  });

  it("reads X-Forwarded-For from a trusted proxy, right to left, past other trusted proxies", () => {
    const addresses = new ClientAddresses(["127.0.0.1", "10.0.0.0/8"]);
    expect(addresses.of("127.0.0.1", "203.0.113.7")).toBe("203.0.113.7");
    // A client cannot choose its address by writing the header itself: the proxy appends.
    expect(addresses.of("127.0.0.1", "1.1.1.1, 203.0.113.7, 10.1.2.3")).toBe("203.0.113.7");
    expect(addresses.of("192.0.2.5", "203.0.113.7")).toBe("192.0.2.5");
    // Garbage stops the walk at the last address that is known.
    expect(addresses.of("127.0.0.1", "203.0.113.7, not-an-ip")).toBe("127.0.0.1");
    expect(addresses.of("::ffff:127.0.0.1", "2001:DB8::1")).toBe("2001:db8::1");
  });
});
