// Who is at the other end of a request: the TCP peer's address, or, when that
// peer is a configured trusted proxy (OPENVIBE_TRUSTED_PROXIES), the address the
// proxy says it forwarded for in X-Forwarded-For. Anyone can write that header,
// so it is read only from proxies the operator named, and only as far back as
// the chain of trusted proxies goes.
import { BlockList, isIP } from "node:net";

/** "10.0.0.0/8", "::1", "192.168.1.7": true when it names an address or a subnet. */
export function isAddressOrSubnet(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split("/");
  if (address === undefined || rest.length > 0) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** IPv4 addresses reach a dual-stack socket as ::ffff:a.b.c.d; name them as IPv4. */
export function normaliseAddress(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped?.[1] ?? address.toLowerCase();
}

export class ClientAddresses {
  private readonly trusted = new BlockList();
  private readonly anyTrusted: boolean;

  /** `trustedProxies`: addresses and subnets (checked with `isAddressOrSubnet`). */
  constructor(trustedProxies: readonly string[]) {
    for (const entry of trustedProxies) {
      const [address = "", prefix] = entry.split("/");
      const family = isIP(address) === 6 ? "ipv6" : "ipv4";
      if (prefix === undefined) this.trusted.addAddress(normaliseAddress(address), family);
      else this.trusted.addSubnet(address, Number(prefix), family);
    }
    this.anyTrusted = trustedProxies.length > 0;
  }

  isTrustedProxy(address: string): boolean {
    if (!this.anyTrusted) return false;
    const normal = normaliseAddress(address);
    const family = isIP(normal);
    if (family === 0) return false;
    return this.trusted.check(normal, family === 6 ? "ipv6" : "ipv4");
  }

  /**
   * The client's address: the TCP peer, unless it is a trusted proxy; then the
   * nearest address in X-Forwarded-For (read right to left) that is not one.
   */
  of(remoteAddress: string | undefined, forwardedFor: string | null | undefined): string {
    let address = normaliseAddress(remoteAddress ?? "unknown");
    if (forwardedFor == null || !this.isTrustedProxy(address)) return address;
    const hops = forwardedFor.split(",").map((hop) => hop.trim());
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i] ?? "";
      if (isIP(hop) === 0) break;
      address = normaliseAddress(hop);
      if (!this.isTrustedProxy(address)) break;
    }
    return address;
  }
}
