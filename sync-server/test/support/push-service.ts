// A local push service for web push tests, speaking the real protocol over HTTPS (a certificate
// made by openssl for 127.0.0.1, trusted by this test process only). For each push it checks the
// VAPID Authorization header (the JWT's ES256 signature against the server's public key, its
// `aud` and `exp`) and decrypts the aes128gcm body (RFC 8188, RFC 8291) with the fake
// subscription's private key. Each endpoint answers 201 unless told otherwise.
import { execFileSync } from "node:child_process";
import {
  createDecipheriv,
  createECDH,
  createPublicKey,
  type ECDH,
  hkdfSync,
  randomBytes,
  verify,
} from "node:crypto";
import { EventEmitter, once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getCACertificates, setDefaultCACertificates } from "node:tls";
import { onTestFinished } from "vitest";
import { withDeadline } from "./deadline.ts";

export interface FakeSubscription {
  /** What a browser's PushSubscription.toJSON() gives (POST /api/push/subscriptions). */
  json: { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
  endpoint: string;
}

export interface ReceivedPush {
  endpoint: string;
  /** The decrypted payload, parsed. */
  payload: unknown;
  /** The VAPID JWT's claims, once checked. */
  claims: { aud: string; exp: number; sub: string };
}

interface Receiver {
  ecdh: ECDH;
  auth: Buffer;
  status: number;
}

const b64url = (bytes: Buffer) => bytes.toString("base64url");

function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), "openvibe-push-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-days",
        "1",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    return {
      key: readFileSync(join(dir, "key.pem"), "utf8"),
      cert: readFileSync(join(dir, "cert.pem"), "utf8"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The VAPID JWT's claims; throws unless the header is well formed and signed with `publicKey`. */
export function checkVapid(authorization: string, publicKey: string) {
  const match = /^vapid t=([^,\s]+), k=([A-Za-z0-9_-]+)$/.exec(authorization);
  if (match === null) throw new Error(`not a VAPID Authorization header: ${authorization}`);
  const [, jwt = "", k] = match;
  if (k !== publicKey) throw new Error("the header's k is not the server's VAPID public key");
  const [header = "", claims = "", signature = ""] = jwt.split(".");
  const raw = Buffer.from(publicKey, "base64url");
  const key = createPublicKey({
    key: {
      kty: "EC",
      crv: "P-256",
      x: b64url(raw.subarray(1, 33)),
      y: b64url(raw.subarray(33, 65)),
    },
    format: "jwk",
  });
  const signed = verify(
    "sha256",
    Buffer.from(`${header}.${claims}`),
    { key, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  );
  if (!signed) throw new Error("the VAPID JWT's signature does not verify");
  const { alg } = JSON.parse(Buffer.from(header, "base64url").toString()) as { alg: string };
  if (alg !== "ES256") throw new Error(`the VAPID JWT is signed with ${alg}, not ES256`);
  return JSON.parse(Buffer.from(claims, "base64url").toString()) as ReceivedPush["claims"];
}

/** One aes128gcm record, decrypted for the receiver (RFC 8291's key derivation). */
function decrypt(body: Buffer, receiver: Receiver): string {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const senderKey = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  const shared = receiver.ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([
    Buffer.from("WebPush: info\0"),
    receiver.ecdh.getPublicKey(),
    senderKey,
  ]);
  const ikm = Buffer.from(hkdfSync("sha256", shared, receiver.auth, keyInfo, 32));
  const derive = (info: string, length: number) =>
    Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from(`Content-Encoding: ${info}\0`), length));
  const decipher = createDecipheriv("aes-128-gcm", derive("aes128gcm", 16), derive("nonce", 12));
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([
    decipher.update(record.subarray(0, record.length - 16)),
    decipher.final(),
  ]);
  // The last record ends with the delimiter 0x02 and zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("the record's padding delimiter is missing");
  return padded.subarray(0, end).toString("utf8");
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export class FakePushService {
  readonly origin: string;
  /** Every push received, in order, checked and decrypted. */
  readonly received: ReceivedPush[] = [];
  /** What went wrong with requests (a bad signature, an undecryptable body), by endpoint. */
  readonly failures: { endpoint: string; problem: string }[] = [];
  private readonly receivers = new Map<string, Receiver>();
  private readonly events = new EventEmitter();
  private readonly vapidPublicKey: string;
  private counter = 0;

  private constructor(origin: string, vapidPublicKey: string) {
    this.origin = origin;
    this.vapidPublicKey = vapidPublicKey;
  }

  /** Starts the service (closed when the test finishes); `vapidPublicKey` is the server's. */
  static async start(vapidPublicKey: string): Promise<FakePushService> {
    const { key, cert } = selfSignedCertificate();
    setDefaultCACertificates([...getCACertificates("default"), cert]);
    let service: FakePushService | null = null;
    const server = createServer({ key, cert }, (request, response) => {
      void service?.handle(request).then((status) => response.writeHead(status).end());
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    service = new FakePushService(`https://127.0.0.1:${port}`, vapidPublicKey);
    onTestFinished(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });
    return service;
  }

  /** A new browser subscription: a P-256 key pair and auth secret, at an endpoint of its own. */
  subscription(): FakeSubscription {
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    const auth = randomBytes(16);
    const endpoint = `${this.origin}/push/${++this.counter}-${b64url(randomBytes(9))}`;
    this.receivers.set(endpoint, { ecdh, auth, status: 201 });
    return {
      endpoint,
      json: {
        endpoint,
        expirationTime: null,
        keys: { p256dh: b64url(ecdh.getPublicKey()), auth: b64url(auth) },
      },
    };
  }

  /** Makes `endpoint` answer `status` (410: the subscription is gone). */
  answer(endpoint: string, status: number): void {
    const receiver = this.receivers.get(endpoint);
    if (receiver === undefined) throw new Error(`no subscription at ${endpoint}`);
    receiver.status = status;
  }

  pushesTo(endpoint: string): ReceivedPush[] {
    return this.received.filter((push) => push.endpoint === endpoint);
  }

  /**
   * Resolves with the first push to `endpoint` (at once if it already came), within a deadline;
   * rejects if a request to it failed the checks.
   */
  firstPush(endpoint: string, what = `a push to ${endpoint}`): Promise<ReceivedPush> {
    return withDeadline(
      new Promise<ReceivedPush>((resolve, reject) => {
        const check = () => {
          const failure = this.failures.find((failed) => failed.endpoint === endpoint);
          const push = this.pushesTo(endpoint)[0];
          if (failure === undefined && push === undefined) return;
          this.events.off("push", check);
          if (failure !== undefined) reject(new Error(`${what}: ${failure.problem}`));
          else if (push !== undefined) resolve(push);
        };
        this.events.on("push", check);
        check();
      }),
      what,
    );
  }

  private async handle(request: IncomingMessage): Promise<number> {
    const endpoint = `${this.origin}${request.url ?? ""}`;
    const body = await bodyOf(request);
    const receiver = this.receivers.get(endpoint);
    if (receiver === undefined || request.method !== "POST") return 404;
    try {
      if (request.headers["content-encoding"] !== "aes128gcm")
        throw new Error(`content encoding ${request.headers["content-encoding"]}`);
      const claims = checkVapid(request.headers.authorization ?? "", this.vapidPublicKey);
      const payload = JSON.parse(decrypt(body, receiver)) as unknown;
      this.received.push({ endpoint, payload, claims });
    } catch (error) {
      this.failures.push({ endpoint, problem: (error as Error).message });
    }
    this.events.emit("push");
    return receiver.status;
  }
}
