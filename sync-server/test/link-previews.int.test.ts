// Link previews against local web sites, over the real server's HTTP API: a page's Open Graph
// tags become a preview whose image the server serves; a second ask is answered from the cache;
// the SSRF guard refuses a redirect to a private or metadata address and a name that resolves to
// loopback; a page past the size limit is cut; a page that never finishes times out; turned off
// in the workspace's settings, nothing is fetched.
import type { LinkPreviewResponse } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { AddressPolicy } from "../src/link-previews/address-policy.ts";
import { FetchRefused, guardedFetch } from "../src/link-previews/guarded-fetch.ts";
import { htmlPage, startFakeSite } from "./support/fake-site.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

/** A 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const MAX_BYTES = 16 * 1024;

describe("link previews", () => {
  it("fetches, caches and serves previews within the guard and the limits", async () => {
    const site = await startFakeSite({
      "/article": htmlPage(
        `<title>fallback</title>
         <meta property="og:title" content="Quarterly &amp; plans">
         <meta property="og:description" content="What we ship next">
         <meta property="og:image" content="/cover.png">`,
      ),
      "/cover.png": (_request, response) => {
        response.writeHead(200, { "content-type": "text/plain" });
        response.end(PNG);
      },
      "/to-private": (_request, response) => {
        response.writeHead(302, { location: "http://10.20.30.40/internal" }).end();
      },
      "/to-metadata": (_request, response) => {
        response.writeHead(301, { location: "http://[::ffff:169.254.169.254]/latest/" }).end();
      },
      "/huge": (_request, response) => {
        response.writeHead(200, { "content-type": "text/html" });
        response.write(`<html><head><title>Huge page</title>${" ".repeat(MAX_BYTES * 4)}`);
        response.end(`<meta name="description" content="past the limit"></head></html>`);
      },
      "/slow": (_request, response) => {
        response.writeHead(200, { "content-type": "text/html" });
        response.write("<html><head><title>Never finishes");
      },
    });
    const server = await startTestServer({
      OPENVIBE_LINK_PREVIEW_ALLOW: "127.0.0.1",
      OPENVIBE_LINK_PREVIEW_MAX_BYTES: String(MAX_BYTES),
      OPENVIBE_LINK_PREVIEW_TIMEOUT_MS: "1500",
    });
    const { member, admin } = await seedWorkspace(server.current);
    const previewOf = async (path: string) => {
      const url = encodeURIComponent(site.url(path));
      const answer = await member.client.get<LinkPreviewResponse>(`/api/link-previews?url=${url}`);
      expect(answer.status, path).toBe(200);
      return answer.body.preview;
    };

    expect(await previewOf("/article")).toEqual({
      url: site.url("/article"),
      title: "Quarterly & plans",
      description: "What we ship next",
      hasImage: true,
    });
    const image = await member.client.raw(
      "GET",
      `/api/link-previews/image?url=${encodeURIComponent(site.url("/article"))}`,
    );
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("content-length")).toBe(String(PNG.length));
    expect(image.headers.get("x-content-type-options")).toBe("nosniff");

    // Cache hit: the site is not asked again.
    expect((await previewOf("/article"))?.title).toBe("Quarterly & plans");
    expect(site.hits("/article")).toBe(1);
    expect(site.hits("/cover.png")).toBe(1);

    // Redirects to private and metadata addresses are refused before any connection.
    expect(await previewOf("/to-private")).toBeNull();
    expect(await previewOf("/to-metadata")).toBeNull();

    // Past the size limit the page is cut: what came before counts, what came after does not.
    expect(await previewOf("/huge")).toMatchObject({ title: "Huge page", description: null });

    // A page that never finishes gives nothing once the deadline passes.
    expect(await previewOf("/slow")).toBeNull();

    // One person starts at most 30 fetches at once (cache hits are free); others are unaffected.
    let limited = 0;
    for (let n = 0; n < 60 && limited === 0; n += 1) {
      const url = encodeURIComponent(`http://10.0.0.1/page-${n}`);
      const answer = await member.client.get(`/api/link-previews?url=${url}`);
      if (answer.status === 429) limited = n;
      else expect(answer.status).toBe(200);
    }
    expect(limited).toBeGreaterThanOrEqual(25);
    expect((await previewOf("/article"))?.title).toBe("Quarterly & plans");
    const other = await admin.client.get(
      `/api/link-previews?url=${encodeURIComponent("http://10.0.0.1/other")}`,
    );
    expect(other.status).toBe(200);

    // Turned off: refused, and nothing is fetched.
    const off = await admin.client.patch("/api/workspace", { features: { linkPreviews: false } });
    expect(off.status).toBe(200);
    const refused = await member.client.get(
      `/api/link-previews?url=${encodeURIComponent(site.url("/article?again"))}`,
    );
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: "feature_disabled" } });
    expect(site.hits("/article?again")).toBe(0);
  });

  it("checks addresses after DNS: a name that resolves to loopback is refused", async () => {
    const site = await startFakeSite({
      "/": htmlPage("<title>local</title>"),
      "/to-metadata": (_request, response) => {
        response.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
      },
    });
    const byName = new URL(site.url("/").replace("127.0.0.1", "localhost"));
    const limits = { timeoutMs: 2_000, maxBytes: 1024, maxRedirects: 3 };
    const refusal = await guardedFetch(byName, new AddressPolicy([]), limits).catch((e) => e);
    expect(refusal).toBeInstanceOf(FetchRefused);
    expect((refusal as FetchRefused).reason).toBe("address");
    expect(site.hits("/")).toBe(0);
    const allowed = await guardedFetch(byName, new AddressPolicy(["127.0.0.1"]), limits);
    expect(allowed.body.toString()).toContain("<title>local</title>");
    // Every redirect is checked again: an allowed page cannot lead to a refused address.
    const redirected = new URL(site.url("/to-metadata"));
    const refused = await guardedFetch(redirected, new AddressPolicy(["127.0.0.1"]), limits).catch(
      (e) => e,
    );
    expect((refused as FetchRefused).reason).toBe("address");
  });
});
