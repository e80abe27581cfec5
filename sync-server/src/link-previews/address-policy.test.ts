// The SSRF guard's address classification: named cases, then properties over generated
// addresses (every special range refused in every spelling, public ones allowed), and a fuzzer:
// no string at all is allowed unless it is a public address, and none throws.
import { isIP } from "node:net";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AddressPolicy, isPublicAddress } from "./address-policy.ts";

const REFUSED = [
  "127.0.0.1",
  "127.255.255.254",
  "10.1.2.3",
  "172.16.0.1",
  "172.31.255.255",
  "192.168.1.1",
  "169.254.169.254",
  "100.64.0.1",
  "100.100.100.200",
  "0.0.0.0",
  "255.255.255.255",
  "224.0.0.1",
  "198.18.0.1",
  "::1",
  "::",
  "fe80::1",
  "fc00::1",
  "fd00:ec2::254",
  "ff02::1",
  "::ffff:127.0.0.1",
  "::ffff:7f00:1",
  "::ffff:169.254.169.254",
  "::ffff:a9fe:a9fe",
  "::127.0.0.1",
  "::7f00:1",
  "64:ff9b::7f00:1",
  "2002:7f00:1::1",
  "2001::1",
  "2001:db8::1",
  "localhost",
  "",
];
const ALLOWED = ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700::1111", "::ffff:8.8.8.8"];

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = (first: fc.Arbitrary<number>, second: fc.Arbitrary<number> = octet) =>
  fc.tuple(first, second, octet, octet).map((parts) => parts.join("."));
const inRange = (min: number, max: number) => fc.integer({ min, max });
/** IPv4 addresses of the special ranges. */
const specialV4 = fc.oneof(
  ipv4(fc.constant(127)),
  ipv4(fc.constant(10)),
  ipv4(fc.constant(172), inRange(16, 31)),
  ipv4(fc.constant(192), fc.constant(168)),
  ipv4(fc.constant(169), fc.constant(254)),
  ipv4(fc.constant(100), inRange(64, 127)),
  ipv4(fc.constant(0)),
  ipv4(inRange(224, 255)),
);
const hex = (a: number, b: number) => ((a << 8) | b).toString(16);
/** Ways to write an IPv4 address inside IPv6 that end at the same host. */
function spellings(v4: string): string[] {
  const [a = 0, b = 0, c = 0, d = 0] = v4.split(".").map(Number);
  return [
    v4,
    `::ffff:${v4}`,
    `::FFFF:${v4}`,
    `0:0:0:0:0:ffff:${v4}`,
    `::ffff:${hex(a, b)}:${hex(c, d)}`,
    `::${v4}`,
    `64:ff9b::${v4}`,
  ];
}

describe("the link-preview address policy", () => {
  it("refuses loopback, private, link-local, CGNAT, metadata and special addresses", () => {
    for (const address of REFUSED) expect(isPublicAddress(address), address).toBe(false);
  });

  it("allows public unicast addresses", () => {
    for (const address of ALLOWED) expect(isPublicAddress(address), address).toBe(true);
  });

  it("refuses every special IPv4 address in every IPv6 spelling", () => {
    fc.assert(
      fc.property(specialV4, (v4) => {
        for (const spelling of spellings(v4))
          expect(isPublicAddress(spelling), spelling).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });

  it("judges an IPv4-mapped address as its IPv4 address", () => {
    fc.assert(
      fc.property(ipv4(octet), (v4) => {
        expect(isPublicAddress(`::ffff:${v4}`)).toBe(isPublicAddress(v4));
      }),
      { numRuns: 2_000 },
    );
  });

  it("allows nothing that is not an IP address, and never throws", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" })), (text) => {
        if (isIP(text) === 0) expect(isPublicAddress(text)).toBe(false);
        expect(new AddressPolicy([]).mayConnect(text, 443)).toBe(isPublicAddress(text));
      }),
      { numRuns: 5_000 },
    );
  });

  it("lets the configured allowlist through, and only it", () => {
    const policy = new AddressPolicy(["127.0.0.1", "10.9.0.0/16"]);
    expect(policy.mayConnect("127.0.0.1", 31_337)).toBe(true);
    expect(policy.mayConnect("::ffff:127.0.0.1", 80)).toBe(true);
    expect(policy.mayConnect("10.9.3.4", 5432)).toBe(true);
    expect(policy.mayConnect("127.0.0.2", 80)).toBe(false);
    expect(policy.mayConnect("10.8.3.4", 80)).toBe(false);
    expect(policy.mayConnect("::1", 80)).toBe(false);
  });

  it("reaches public hosts on web ports only", () => {
    const policy = new AddressPolicy([]);
    for (const port of [80, 443, 8080]) expect(policy.mayConnect("8.8.8.8", port)).toBe(true);
    for (const port of [22, 25, 3306, 6379]) expect(policy.mayConnect("8.8.8.8", port)).toBe(false);
  });
});
