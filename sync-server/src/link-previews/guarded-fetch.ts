// One GET for the link-preview fetcher, guarded against server-side request forgery. Every hop
// (the link and each redirect, at most `maxRedirects`) is checked: http or https only, and the
// host's addresses are resolved by our own `lookup`, which passes on only those the policy
// allows. The connection is made to exactly those addresses (Node connects to what `lookup`
// returns), so a DNS answer that changes between the check and the connect (rebinding) cannot
// reach a refused address. A host written as an address is checked before connecting (Node
// skips `lookup` for those). The whole exchange has one deadline, and the body is read up to
// `maxBytes`; the rest is never read.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import type { AddressPolicy } from "./address-policy.ts";
import { LookupGate } from "./lookup-gate.ts";

export interface FetchLimits {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxRedirects: number;
}

export interface FetchedBody {
  /** Where the body came from, after redirects. */
  readonly url: URL;
  readonly contentType: string;
  readonly body: Buffer;
  /** The body was longer than `maxBytes` and was cut there. */
  readonly truncated: boolean;
}

/** Why a fetch gave nothing: a stable reason, logged and cached as the preview's failure. */
export class FetchRefused extends Error {
  readonly reason: "address" | "scheme" | "redirects" | "status" | "timeout" | "network";
  constructor(reason: FetchRefused["reason"], message: string) {
    super(message);
    this.name = "FetchRefused";
    this.reason = reason;
  }
}

const lookups = new LookupGate();

/**
 * A `lookup` that resolves every address (one name at a time across all previews, see
 * lookup-gate.ts) and hands Node only those the policy allows.
 */
function guardedLookup(policy: AddressPolicy, port: number, signal: AbortSignal): LookupFunction {
  return (hostname, options, callback) => {
    const answer = (error: unknown, found: LookupAddress[]) => {
      if (error) return callback(error as NodeJS.ErrnoException, "", 4);
      const allowed = found.filter((entry) => policy.mayConnect(entry.address, port));
      const first = allowed[0];
      if (first === undefined) {
        const refused = new FetchRefused("address", `${hostname} resolves to no allowed address`);
        return callback(refused as NodeJS.ErrnoException, "", 4);
      }
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, allowed);
      return callback(null, first.address, first.family);
    };
    lookups.run(
      (done) =>
        dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (error, found) => {
          done();
          answer(error, found);
        }),
      signal,
      () => answer(new FetchRefused("timeout", "the link took too long to answer"), []),
    );
  };
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

function checkHop(url: URL, policy: AddressPolicy): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FetchRefused("scheme", `only http and https links are fetched, not ${url.protocol}`);
  }
  const host = hostOf(url);
  if (isIP(host) !== 0 && !policy.mayConnect(host, portOf(url))) {
    throw new FetchRefused("address", `${host} on port ${portOf(url)} may not be fetched`);
  }
}

function portOf(url: URL): number {
  return url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port);
}

function get(url: URL, policy: AddressPolicy, signal: AbortSignal): Promise<IncomingMessage> {
  const lookup = guardedLookup(policy, portOf(url), signal);
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: "GET",
        // No pooled sockets: every hop connects anew, through `lookup`.
        agent: false,
        lookup,
        signal,
        headers: {
          accept: "text/html,application/xhtml+xml,image/*;q=0.8",
          "accept-encoding": "identity",
          "user-agent": "OpenVibe link preview",
        },
      },
      resolve,
    );
    request.on("error", reject);
    request.end();
  });
}

async function readCapped(
  response: IncomingMessage,
  maxBytes: number,
): Promise<{ body: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    const piece = chunk as Buffer;
    if (size + piece.length > maxBytes) {
      chunks.push(piece.subarray(0, maxBytes - size));
      response.destroy();
      return { body: Buffer.concat(chunks), truncated: true };
    }
    chunks.push(piece);
    size += piece.length;
  }
  return { body: Buffer.concat(chunks), truncated: false };
}

function refusalOf(error: unknown, signal: AbortSignal): FetchRefused {
  if (error instanceof FetchRefused) return error;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof FetchRefused) return cause;
  if (signal.aborted) return new FetchRefused("timeout", "the link took too long to answer");
  return new FetchRefused("network", error instanceof Error ? error.message : String(error));
}

/** GETs `link` within the limits; throws FetchRefused. */
export async function guardedFetch(
  link: URL,
  policy: AddressPolicy,
  limits: FetchLimits,
): Promise<FetchedBody> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let url = link;
  try {
    for (let hop = 0; ; hop += 1) {
      checkHop(url, policy);
      const response = await get(url, policy, signal);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location !== undefined) {
        response.resume();
        if (hop >= limits.maxRedirects) {
          throw new FetchRefused("redirects", `more than ${limits.maxRedirects} redirects`);
        }
        url = new URL(location, url);
        continue;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        throw new FetchRefused("status", `the link answered ${status}`);
      }
      const contentType = response.headers["content-type"] ?? "";
      const { body, truncated } = await readCapped(response, limits.maxBytes);
      return { url, contentType, body, truncated };
    }
  } catch (error) {
    throw refusalOf(error, signal);
  }
}
