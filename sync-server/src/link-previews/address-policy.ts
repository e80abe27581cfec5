// Which network addresses the link-preview fetcher may connect to: public unicast only. Loopback,
// private, link-local (cloud metadata at 169.254.169.254), CGNAT (100.64/10, another cloud's
// metadata), unique-local, multicast, reserved and documentation ranges are refused, in IPv4 and
// IPv6, and an IPv6 address that carries an IPv4 one (mapped ::ffff:a.b.c.d, its hex form,
// IPv4-compatible ::a.b.c.d, NAT64, 6to4, Teredo) is judged as that IPv4 address or refused.
// Public hosts are reached on web ports only (no talking to mail or database ports through the
// fetcher). OPENVIBE_LINK_PREVIEW_ALLOW names addresses and subnets allowed anyway, on any port
// (tests' local servers).
import { BlockList, isIP } from "node:net";
import ipaddr from "ipaddr.js";

/** The ports of web servers: HTTP, HTTPS and their usual alternatives. */
const WEB_PORTS: ReadonlySet<number> = new Set([80, 443, 8000, 8080, 8443]);

/** IPv6 global unicast is 2000::/3; everything else is special-purpose or not routed. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3");

/** Whether `address` (an IP address as DNS or a socket gives it) is a public unicast address. */
export function isPublicAddress(address: string): boolean {
  if (isIP(address) === 0) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6") {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return isPublicAddress(v6.toIPv4Address().toString());
    return v6.range() === "unicast" && v6.match(GLOBAL_UNICAST_V6);
  }
  return parsed.range() === "unicast";
}

export class AddressPolicy {
  private readonly allowed = new BlockList();

  /** `allow`: addresses and subnets (checked at startup with `isAddressOrSubnet`). */
  constructor(allow: readonly string[]) {
    for (const entry of allow) {
      const [address = "", prefix] = entry.split("/");
      const family = isIP(address) === 6 ? "ipv6" : "ipv4";
      if (prefix === undefined) this.allowed.addAddress(address, family);
      else this.allowed.addSubnet(address, Number(prefix), family);
    }
  }

  /** Whether the fetcher may open a connection to `address` on `port`. */
  mayConnect(address: string, port: number): boolean {
    const family = isIP(address);
    if (family === 0) return false;
    const plain = unmapped(address);
    if (this.allowed.check(plain, isIP(plain) === 6 ? "ipv6" : "ipv4")) return true;
    return isPublicAddress(address) && WEB_PORTS.has(port);
  }
}

/** ::ffff:a.b.c.d (any spelling) as a.b.c.d; other addresses as given. */
function unmapped(address: string): string {
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (parsed as ipaddr.IPv6).toIPv4Address().toString();
  }
  return address;
}
