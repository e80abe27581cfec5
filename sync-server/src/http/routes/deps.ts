// What route modules are given.
import type { ChannelPin } from "@openvibe/schema";
import type { LoginThrottle } from "../../accounts/login-throttle.ts";
import { SecretBox } from "../../agents/secret-box.ts";
import type { ChannelLayout } from "../../agents/task-document.ts";
import type { TaskQueueSignal } from "../../agents/task-queue.ts";
import { loadConfig } from "../../config/config.ts";
import type { AppContext } from "../../context.ts";
import type { Files } from "../../files/files.ts";
import { LinkPreviews } from "../../link-previews/link-previews.ts";
import { createLogger } from "../../logger.ts";
import { SearchIndex } from "../../search/search-index.ts";
import { SearchService } from "../../search/search-service.ts";
import type { DocumentStore } from "../../storage/document-store.ts";
import type { ClientAddresses } from "../client-address.ts";
import type { ListeningAddress } from "../public-origin.ts";

export interface RouteDeps {
  ctx: AppContext;
  loginThrottle: LoginThrottle;
  /** Reads client addresses (X-Forwarded-For from trusted proxies only); absent: the TCP peer. */
  clientAddresses?: ClientAddresses;
  taskQueue: TaskQueueSignal;
  /** How long a bridge's claim on a task lasts without a heartbeat. */
  agentLeaseMs: number;
  /** The origin people reach the server at (OPENVIBE_PUBLIC_URL); absent: each request's own. */
  publicUrl?: string | null;
  /** Where the server listens (once it does): a request's Host must name it to build links from. */
  listening?: () => ListeningAddress | null;
  /** Search over the server's index; built from `ctx` when absent. */
  search?: SearchService;
  /**
   * Writes the search projection's waiting changes (held back up to ten seconds), so that
   * an answer read from the index includes every write accepted before the request (unless
   * another process holds the database's write lock: then, and when absent, the index is read
   * as it is).
   */
  indexCurrent?: () => void;
  /**
   * Writes the thread index rows waiting (held back up to ten seconds), so that a page of a
   * channel's threads says what every thread document derived before the request holds.
   */
  threadRowsCurrent?: () => void;
  /** The server's document store, for exports; an app without one opens its own reader. */
  documents?: Pick<DocumentStore, "load">;
  /** Link previews as configured; built with the default limits from `ctx` when absent. */
  linkPreviews?: LinkPreviews;
  /**
   * The layout of a channel's document as the server's live copy says (which document a claimed
   * task names); absent: as its stored copy says.
   */
  channelLayout?: (channelId: string) => Promise<ChannelLayout>;
  /**
   * The channel's pinned messages for a claimed task, as the server's live copies say
   * (agents/channel-pins.ts); absent: as the stored copies say.
   */
  channelPins?: (channelId: string) => Promise<ChannelPin[]>;
  /** Seals and opens agents' provider keys (OPENVIBE_SECRETS_KEY); absent: none can be stored. */
  secrets?: SecretBox;
  /** Uploads, downloads and the blob store; absent: the file routes answer 503. */
  files?: Files;
}

/** The server's secret box, or one without a key (it refuses to store secrets, saying why). */
export function secretsOf({ secrets }: RouteDeps): SecretBox {
  return secrets ?? new SecretBox(null);
}

/** The server's search service, or one over `ctx`'s database when none was given. */
export function searchServiceOf({ ctx, search }: RouteDeps): SearchService {
  return search ?? new SearchService({ ctx, index: new SearchIndex(ctx.db.$client) });
}

/** The server's link previews, or ones with the default limits when none were given. */
export function linkPreviewsOf({ ctx, linkPreviews }: RouteDeps): LinkPreviews {
  return (
    linkPreviews ??
    new LinkPreviews({
      ctx,
      limits: loadConfig({}).linkPreviews,
      logger: createLogger("silent"),
    })
  );
}
