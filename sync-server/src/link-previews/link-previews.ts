// Link previews: title, description and image of a page linked in a message, fetched by the
// server through the SSRF guard (guarded-fetch.ts), cached in SQLite, and only while the
// workspace leaves previews on. The image is fetched with the page and served from the cache,
// so browsers never reach the linked hosts.
import type { LinkPreview } from "@openvibe/schema";
import type { LinkPreviewLimits } from "../config/config.ts";
import type { AppContext } from "../context.ts";
import { ApiError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { TokenBuckets } from "../rate-limit/token-buckets.ts";
import { AddressPolicy } from "./address-policy.ts";
import { FetchRefused, guardedFetch } from "./guarded-fetch.ts";
import { sniffImageType } from "./image-type.ts";
import { readStoredPreview, type StoredPreview, storePreview } from "./link-preview-store.ts";
import { readPageMeta } from "./page-meta.ts";

/**
 * Fetches one person may start (cache misses): one a second on average, 30 at once. Enough for
 * a screen of links; it stops anyone using the server to fetch the web in bulk.
 */
const FETCHES_PER_SECOND = 1;
const FETCH_BURST = 30;

/** A preview is fetched again after a day; a page that gave nothing, after an hour. */
const FRESH_MS = { ok: 86_400_000, failed: 3_600_000 } as const;
const HTML_TYPES = /^\s*(text\/html|application\/xhtml\+xml)\b/i;

export interface PreviewImage {
  readonly type: string;
  readonly bytes: Buffer;
}

export class LinkPreviews {
  private readonly ctx: AppContext;
  private readonly limits: LinkPreviewLimits;
  private readonly logger: Logger;
  private readonly policy: AddressPolicy;
  /** One fetch per URL at a time: concurrent asks share it. */
  private readonly inFlight = new Map<string, Promise<StoredPreview>>();
  private readonly fetchesByPerson: TokenBuckets;

  constructor(options: { ctx: AppContext; limits: LinkPreviewLimits; logger: Logger }) {
    this.ctx = options.ctx;
    this.limits = options.limits;
    this.logger = options.logger;
    this.policy = new AddressPolicy(options.limits.allow);
    this.fetchesByPerson = new TokenBuckets(FETCHES_PER_SECOND, FETCH_BURST, options.ctx.now);
  }

  /**
   * The page's preview, from the cache or fetched now for `requesterId`; null when it has none
   * to show. Throws rate_limited past the requester's share of fetches.
   */
  async preview(url: URL, requesterId: string): Promise<LinkPreview | null> {
    const stored = await this.stored(url.href, requesterId);
    if (stored.status !== "ok") return null;
    return {
      url: stored.url,
      title: stored.title ?? url.hostname,
      description: stored.description,
      hasImage: stored.image !== null,
    };
  }

  /** The cached image of a page already previewed; never fetches. */
  image(url: URL): PreviewImage | null {
    const stored = readStoredPreview(this.ctx, url.href);
    if (stored?.status !== "ok" || stored.image === null || stored.imageType === null) return null;
    return { type: stored.imageType, bytes: stored.image };
  }

  private async stored(url: string, requesterId: string): Promise<StoredPreview> {
    const cached = readStoredPreview(this.ctx, url);
    if (cached !== undefined && this.ctx.now() - cached.fetchedAt < FRESH_MS[cached.status]) {
      return cached;
    }
    const running = this.inFlight.get(url);
    if (running !== undefined) return running;
    if (!this.fetchesByPerson.take(requesterId)) {
      throw new ApiError("rate_limited", "too many new links to preview at once; try again soon");
    }
    const fetching = this.fetchAndStore(url).finally(() => this.inFlight.delete(url));
    this.inFlight.set(url, fetching);
    return fetching;
  }

  private async fetchAndStore(url: string): Promise<StoredPreview> {
    const row = await this.fetchPreview(new URL(url)).catch((error: unknown) => {
      const reason = error instanceof FetchRefused ? error.reason : "network";
      this.logger.info({ url, reason, error: String(error) }, "no link preview");
      return this.failed(url);
    });
    storePreview(this.ctx, row);
    return row;
  }

  private failed(url: string): StoredPreview {
    return {
      url,
      status: "failed",
      title: null,
      description: null,
      imageType: null,
      image: null,
      fetchedAt: this.ctx.now(),
    };
  }

  private async fetchPreview(url: URL): Promise<StoredPreview> {
    const page = await guardedFetch(url, this.policy, this.limits);
    if (!HTML_TYPES.test(page.contentType)) return this.failed(url.href);
    const meta = readPageMeta(page.body.toString("utf8"), page.url);
    if (meta.title === null && meta.description === null) return this.failed(url.href);
    const image = meta.imageUrl === null ? null : await this.fetchImage(new URL(meta.imageUrl));
    return {
      url: url.href,
      status: "ok",
      title: meta.title,
      description: meta.description,
      imageType: image?.type ?? null,
      image: image?.bytes ?? null,
      fetchedAt: this.ctx.now(),
    };
  }

  /** The page's image when it is whole, within the size limit, and a raster type; else none. */
  private async fetchImage(url: URL): Promise<PreviewImage | null> {
    try {
      const fetched = await guardedFetch(url, this.policy, this.limits);
      const type = sniffImageType(fetched.body);
      return fetched.truncated || type === null ? null : { type, bytes: fetched.body };
    } catch (error) {
      this.logger.info({ url: url.href, error: String(error) }, "no link preview image");
      return null;
    }
  }
}
