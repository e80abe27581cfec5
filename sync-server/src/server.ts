// Wires the one OpenVibe server process: SQLite, the document store, the
// Hocuspocus extensions, Hono's HTTP app and the WebSocket endpoint, all on
// one port. `startServer` resolves once it listens; `close` flushes and stops.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Hocuspocus } from "@hocuspocus/server";
import { getRequestListener, RequestError } from "@hono/node-server";
import packageJson from "../package.json" with { type: "json" };
import { LoginThrottle } from "./accounts/login-throttle.ts";
import { unreadableApiKeys } from "./agents/agent-config.ts";
import { ensureBridgeKeyFile } from "./agents/bridge-keys.ts";
import { channelPins, liveDocumentReader } from "./agents/channel-pins.ts";
import { OrphanedReplies } from "./agents/orphaned-replies.ts";
import { SECRETS_KEY_HINT, SecretBox } from "./agents/secret-box.ts";
import { liveChannelLayout } from "./agents/task-document.ts";
import { TaskQueueSignal } from "./agents/task-queue.ts";
import { ScheduledBackups } from "./backup/scheduled-backups.ts";
import { markServerRunning, stoppedUncleanly } from "./backup/server-lock.ts";
import { AgentMentions } from "./collaboration/agent-mentions.ts";
import { Authentication } from "./collaboration/authentication.ts";
import { AwarenessIdentity } from "./collaboration/awareness-identity.ts";
import { ChannelInitialisation } from "./collaboration/channel-initialisation.ts";
import { DocumentLoadTimer } from "./collaboration/document-load-timer.ts";
import { DocumentNaming } from "./collaboration/document-naming.ts";
import { ForkResolutionItems } from "./collaboration/fork-resolution-items.ts";
import { IdleUnload } from "./collaboration/idle-unload.ts";
import { LateArrivals } from "./collaboration/late-arrivals.ts";
import { MessageProjections } from "./collaboration/message-projections.ts";
import { MetadataSignals } from "./collaboration/metadata-signals.ts";
import { Persistence } from "./collaboration/persistence.ts";
import { PushNotifications } from "./collaboration/push-notifications.ts";
import { Revocation } from "./collaboration/revocation.ts";
import { SearchProjection } from "./collaboration/search-projection.ts";
import { SocketAdmission } from "./collaboration/socket-admission.ts";
import { SummaryRequests } from "./collaboration/summary-requests.ts";
import { UpdateMetrics } from "./collaboration/update-metrics.ts";
import { attachWebSocketEndpoint } from "./collaboration/websocket-endpoint.ts";
import { WriteGuard } from "./collaboration/write-guard.ts";
import type { ServerConfig } from "./config/config.ts";
import { type AppContext, createAppContext } from "./context.ts";
import { SERVING_BUSY_TIMEOUT_MS } from "./db/busy.ts";
import { connect, databasePath, openDatabase } from "./db/open-database.ts";
import { AttachmentRefs } from "./files/attachment-refs.ts";
import { Files } from "./files/files.ts";
import { Housekeeping } from "./housekeeping/housekeeping.ts";
import { createHttpApp } from "./http/app.ts";
import { ClientAddresses } from "./http/client-address.ts";
import type { ListeningAddress } from "./http/public-origin.ts";
import { LinkPreviews } from "./link-previews/link-previews.ts";
import type { Logger } from "./logger.ts";
import { ServerMetrics } from "./metrics/server-metrics.ts";
import { AccessChangeJournal } from "./permissions/access-change-journal.ts";
import { AccessChangePoller } from "./permissions/access-change-poller.ts";
import { PushSender } from "./push/push-sender.ts";
import { ensureVapidKeys, vapidSubject } from "./push/vapid-keys.ts";
import { catchUpSearchIndex } from "./search/index-catch-up.ts";
import { backfillMentions } from "./search/mentions-backfill.ts";
import { backfillWordPairs } from "./search/pairs-backfill.ts";
import { SearchIndex } from "./search/search-index.ts";
import { SearchService } from "./search/search-service.ts";
import { splitDataDirectory } from "./split-migration/split-data-directory.ts";
import { logStopped, runStopSteps, UnstoredUpdatesError } from "./stop-steps.ts";
import { SqliteDocumentStore } from "./storage/sqlite-document-store.ts";
import { ThreadBounds } from "./threads/thread-bounds.ts";
import { ThreadIndexProjection } from "./threads/thread-index-projection.ts";
import { ThreadIndexRows } from "./threads/thread-index-rows.ts";
import { findUnindexedThreads } from "./threads/unindexed-threads.ts";

/** Longest a thread document's change waits before its digest is derived again. */
const THREAD_INDEX_DELAY_MS = 1000;
/** How long a derived thread index row waits to be written with others (thread-index-row-queue.ts). */
const THREAD_INDEX_ROWS_WAIT_MS = 10_000;
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:8787 */
  url: string;
  /** WebSocket URL for Hocuspocus providers. */
  websocketUrl: string;
  port: number;
  hocuspocus: Hocuspocus;
  /** The services' context (database, access-change events), for tests and in-process tools. */
  ctx: AppContext;
  /** Uploaded files and their blob store (tests run its garbage collection). */
  files: Files;
  /**
   * Resolves once every update accepted so far is stored and the compactions started so far
   * have finished (for tests that compare the database before and after something).
   */
  idle(): Promise<void>;
  /**
   * Closes connections, stores what waits, waits for running compactions and closes the
   * database. Rejects with UnstoredUpdatesError, once all that is done, when accepted updates
   * could not be stored (a full or read-only disk).
   */
  close(): Promise<void>;
}

export async function startServer(config: ServerConfig, logger: Logger): Promise<RunningServer> {
  const startedAt = Date.now();
  const db = openDatabase(config.dataDir, { synchronous: config.sqliteSynchronous });
  const uncleanStop = stoppedUncleanly(config.dataDir);
  const unmarkRunning = markServerRunning(config.dataDir);
  // Before anything loads a document: one-document channels become the split layout.
  await splitDataDirectory(db, {
    now: Date.now,
    logger: logger.child({ component: "split-migration" }),
  });
  const backups =
    config.backupEveryMs === null
      ? null
      : new ScheduledBackups({
          source: db.$client,
          dataDir: config.dataDir,
          everyMs: config.backupEveryMs,
          keep: config.backupKeep,
          logger: logger.child({ component: "backups" }),
        });
  const store = new SqliteDocumentStore(db, { synchronous: config.sqliteSynchronous });
  const ctx = createAppContext(db);
  let hocuspocusInstance: Hocuspocus | undefined;
  const metrics = new ServerMetrics(ctx, () => hocuspocusInstance);
  const persistence = new Persistence({
    store,
    compactAfterUpdates: config.compactAfterUpdates,
    compactLoadedAfterUpdates: config.compactLoadedAfterUpdates,
    logger: logger.child({ component: "persistence" }),
    onDamage: () => metrics.damagedParts.inc(),
    onStored: (batch) => metrics.stored(batch),
    onCompaction: (outcome) => metrics.compactions.inc({ outcome }),
  });
  const revocation = new Revocation(ctx.accessChanges);
  // Subscribed after Revocation: a change's closes are done before pages are told of it.
  const metadataSignals = new MetadataSignals(ctx, logger.child({ component: "metadata-signals" }));
  const accessChangePoller = new AccessChangePoller({
    journal: new AccessChangeJournal(db, ctx.now),
    changes: ctx.accessChanges,
    intervalMs: config.accessChangePollMs,
    logger: logger.child({ component: "access-change-poller" }),
  });
  const searchIndex = new SearchIndex(db.$client);
  backfillMentions({
    index: searchIndex,
    store,
    sqlite: db.$client,
    logger: logger.child({ component: "search" }),
  });
  backfillWordPairs(searchIndex, logger.child({ component: "search" }));
  if (uncleanStop) {
    const caughtUp = catchUpSearchIndex({ index: searchIndex, store, sqlite: db.$client });
    logger
      .child({ component: "search" })
      .info(caughtUp, "search index caught up after a stop that was not clean");
  }
  // The projection writes on a connection of its own that does not wait for the disk at each
  // commit (synchronous NORMAL; a crash of the process still loses nothing): the index is rebuilt
  // from the documents, and at full speed each chunk's fsync held the event loop for about 10 ms,
  // 20 times a second, which the documents' own durable writes never do (they commit in a worker).
  // Nor does it run the write-ahead log's checkpoints (which wait for two fsyncs): the append
  // worker's commits, which come with every update the projection follows, run them.
  const projectionConnection = connect(databasePath(config.dataDir), { synchronous: "normal" });
  projectionConnection.pragma("wal_autocheckpoint = 0");
  const searchProjection = new SearchProjection({
    index: new SearchIndex(projectionConnection),
    logger: logger.child({ component: "search-projection" }),
  });
  const taskQueue = new TaskQueueSignal();
  const files = new Files(ctx, config.dataDir, config.files);
  const housekeeping = new Housekeeping({
    files,
    ctx,
    logger: logger.child({ component: "housekeeping" }),
    everyMs: config.housekeepingEveryMs,
    auditRetentionDays: config.auditRetentionDays,
  });
  const provisionBridgeKey = () => {
    if (config.bridgeKeyFile === null) return;
    const outcome = ensureBridgeKeyFile(ctx, config.bridgeKeyFile);
    if (outcome === "written") logger.info({ file: config.bridgeKeyFile }, "bridge key written");
  };
  ctx.onWorkspaceSetUp = provisionBridgeKey;
  provisionBridgeKey();
  const secrets = new SecretBox(config.secretsKey);
  const unreadable = unreadableApiKeys(ctx, secrets);
  if (unreadable.length > 0) {
    logger.error(
      { agents: unreadable, hint: SECRETS_KEY_HINT },
      "stored agent API keys cannot be opened with OPENVIBE_SECRETS_KEY: those agents' replies will fail until it is set",
    );
  }
  const pushLogger = logger.child({ component: "push" });
  const pushNotifications = new PushNotifications({
    ctx,
    logger: pushLogger,
    sender: new PushSender({
      ctx,
      logger: pushLogger,
      keys: ensureVapidKeys(ctx),
      subject: vapidSubject(config.publicUrl),
    }),
  });
  // The projections of channel messages that do not decide acceptance, run once per turn for
  // what that turn's updates changed (collaboration/message-projections.ts).
  const messageProjections = new MessageProjections({
    projections: [
      searchProjection,
      new AttachmentRefs(ctx),
      new AgentMentions({
        ctx,
        queue: taskQueue,
        logger: logger.child({ component: "agent-mentions" }),
        maxAgentDepth: config.agentMaxDepth,
        tasksPerChannelPerMinute: config.agentTasksPerChannelPerMinute,
      }),
      pushNotifications,
      new LateArrivals(logger.child({ component: "late-arrivals" })),
    ],
    logger: logger.child({ component: "message-projections" }),
    now: () => ctx.now(),
  });
  const threadIndexRows = new ThreadIndexRows(db.$client);
  const threadIndex = new ThreadIndexProjection({
    rows: threadIndexRows,
    holdMs: config.indexHoldMs,
    stored: (documentName) => persistence.commits.settle(documentName),
    delayMs: THREAD_INDEX_DELAY_MS,
    rowsWaitMs: THREAD_INDEX_ROWS_WAIT_MS,
    logger: logger.child({ component: "thread-index" }),
  });
  const idleUnload = new IdleUnload(config.documentIdleMs);
  const addresses = new ClientAddresses(config.trustedProxies);
  const admissionLogger = logger.child({ component: "socket-admission" });
  const admission = new SocketAdmission(
    {
      maxSockets: config.maxSockets,
      maxSocketsPerAddress: config.maxSocketsPerAddress,
      unauthenticatedBytes: config.unauthenticatedBytes,
      unauthenticatedTotalBytes: config.unauthenticatedTotalBytes,
      unauthenticatedTimeoutMs: config.unauthenticatedTimeoutMs,
      maxDocumentsPerPerson: config.maxDocumentsPerPerson,
    },
    (socket, why) => admissionLogger.debug({ address: socket.address, why }, "socket cut off"),
  );
  const hocuspocus = new Hocuspocus({
    name: "openvibe",
    quiet: true,
    // Hooks run in this order (all have the default priority). Naming refuses unknown
    // names before anything else; Authentication puts the principal in the context the
    // later ones read (WriteGuard checks every peer's update before it applies);
    // Persistence loads and attaches its listener before
    // ChannelInitialisation writes, so the initialisation is stored.
    extensions: [
      // First: an unload it calls off runs no other extension's unload hooks.
      idleUnload,
      new DocumentNaming(),
      new Authentication(ctx),
      new WriteGuard({
        ctx,
        logger: logger.child({ component: "write-guard" }),
        enabled: config.writeGuard,
        writesPerSecond: config.writesPerSecond,
        maxDocumentBytes: config.maxDocumentBytes,
        onRefusal: (kind) => metrics.writeRefusals.inc({ kind }),
      }),
      persistence,
      new ThreadBounds({
        rows: threadIndexRows,
        maxThreadsPerChannel: config.maxThreadsPerChannel,
        newThreadsPerMinute: config.newThreadsPerMinute,
        newThreadsBurst: config.newThreadsBurst,
        stored: (documentName) => persistence.commits.settle(documentName),
        logger: logger.child({ component: "thread-bounds" }),
        onTooManyNewThreads: () => metrics.writeRefusals.inc({ kind: "too-many-new-threads" }),
      }),
      new ChannelInitialisation(),
      new AwarenessIdentity(logger.child({ component: "awareness-identity" })),
      messageProjections,
      threadIndex,
      new SummaryRequests({
        ctx,
        queue: taskQueue,
        logger: logger.child({ component: "summary-requests" }),
      }),
      new ForkResolutionItems({
        ctx,
        logger: logger.child({ component: "fork-resolution-items" }),
      }),
      pushNotifications,
      revocation,
      metadataSignals,
      new UpdateMetrics(metrics),
      // Its priority makes it last whatever its place: it times every other load hook.
      new DocumentLoadTimer((kind, seconds) => metrics.documentLoads.observe({ kind }, seconds)),
      // Last: its onAuthenticate runs only for documents every check above let in.
      admission.extension(),
    ],
    // Broadcasts must never be flushed inside the update event, before the persistence
    // listener has queued the update for its commit (which holds them back until it is
    // stored): see collaboration/persistence.ts.
    flushMaxBytes: Number.MAX_SAFE_INTEGER,
    // One socket carries every channel a person or bridge opens; Hocuspocus's default (100
    // documents authenticating at once per socket) closes the socket of someone who opens more.
    maxPendingDocuments: 1000,
    // Per document still authenticating on a socket (after the socket's first document, which
    // socket admission bounds). A client opening many channels sends sync step 1 and awareness
    // for each before its authentication comes back: room for 1000 documents' worth.
    maxUnauthenticatedQueueMessages: 4000,
  });

  hocuspocusInstance = hocuspocus;
  const orphanedReplies = new OrphanedReplies({
    ctx,
    hocuspocus,
    logger: logger.child({ component: "agent-tasks" }),
    orphanAfterMs: config.agentOrphanMs,
  });
  let listening: ListeningAddress | null = null;
  housekeeping.start();
  orphanedReplies.start();
  backups?.start();
  const app = createHttpApp({
    ctx,
    loginThrottle: new LoginThrottle(),
    clientAddresses: addresses,
    taskQueue,
    agentLeaseMs: config.agentLeaseMs,
    secrets,
    publicUrl: config.publicUrl,
    listening: () => listening,
    documents: store,
    channelLayout: (channelId) => liveChannelLayout(hocuspocus, channelId),
    // The index first takes in the channel's thread documents' waiting changes (a pin just made).
    channelPins: async (channelId) => {
      await threadIndex.settle(channelId);
      return channelPins(liveDocumentReader(hocuspocus, store), channelId);
    },
    files,
    indexCurrent: () => searchProjection.catchUp(),
    threadRowsCurrent: () => threadIndex.writeWaitingRows(),
    search: new SearchService({
      ctx,
      index: searchIndex,
      onQuery: () => metrics.searchQueries.inc(),
    }),
    linkPreviews: new LinkPreviews({
      ctx,
      limits: config.linkPreviews,
      logger: logger.child({ component: "link-previews" }),
    }),
    version: packageJson.version,
    startedAt,
    clientDir: config.clientDir,
    logger,
    metrics,
    metricsToken: config.metricsToken,
    storageProblem: () => persistence.commits.failing,
  });
  const httpServer = createServer(
    getRequestListener(app.fetch, {
      hostname: config.host,
      // A request Hono cannot even turn into a Request (a Host header that is not a host, a
      // backslash in the path) gets a JSON 400 like every other refusal, not a bare one.
      errorHandler: (error) => {
        if (!(error instanceof RequestError)) logger.error({ err: error }, "request failed");
        return Response.json(
          error instanceof RequestError
            ? {
                error: {
                  code: "validation_failed",
                  message: `the request is not valid: ${error.message}`,
                },
              }
            : { error: { code: "internal", message: "the server failed to handle this request" } },
          { status: error instanceof RequestError ? 400 : 500 },
        );
      },
    }),
  );
  // Idle keep-alive connections stay open past the 60 s idle timeout of common proxies and load
  // balancers, so the client side closes them: a server closing one first races the client's
  // next request on it, which then fails (ECONNRESET, or a proxy's 502). Node's default is 5 s.
  httpServer.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  httpServer.listen(config.port, config.host);
  const websockets = attachWebSocketEndpoint(httpServer, hocuspocus, {
    maxMessageBytes: config.maxMessageBytes,
    logger: logger.child({ component: "websocket" }),
    gate: persistence.commits,
    admission,
    addresses,
  });
  // Requests Node's parser refuses (a bare CR in a header, headers past 16 KiB, a request line
  // that is not HTTP) get a JSON error like every other refusal, not Node's bare 400.
  httpServer.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
    const body = JSON.stringify({
      error: tooLarge
        ? { code: "payload_too_large", message: "the request's headers are too large" }
        : { code: "validation_failed", message: "the request is not valid HTTP" },
    });
    const status = tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request";
    socket.end(
      `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
  await once(httpServer, "listening");
  const { port } = httpServer.address() as AddressInfo;
  listening = { host: config.host, port };
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  logger.info({ port, host: config.host, dataDir: config.dataDir }, "server listening");
  threadIndex.catchUp(store, findUnindexedThreads(db.$client.name));
  // Start-up waited for locks as long as it needed; serving, the event loop must not.
  db.$client.pragma(`busy_timeout = ${SERVING_BUSY_TIMEOUT_MS}`);

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      accessChangePoller.stop();
      await backups?.stop();
      housekeeping.stop();
      await housekeeping.settled();
      await orphanedReplies.stop();
      revocation.dispose();
      metadataSignals.dispose();
      taskQueue.close();
      await idleUnload.stop((document) => hocuspocus.unloadDocument(document));
      hocuspocus.closeConnections();
      websockets.closeAll();
      hocuspocus.flushPendingStores();
      const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      // Without this, a kept-alive connection that never sent a request holds the close for seconds.
      httpServer.closeAllConnections();
      await httpClosed;
      // What the last updates changed is projected before anything below closes.
      messageProjections.flush();
      await threadIndex.stop();
      pushNotifications.stop();
      await pushNotifications.settled();
      const unstored = await persistence.stop();
      let searchIndexWritten = false;
      await runStopSteps(logger, [
        ["closing the document store", () => store.close()],
        [
          "writing the search index",
          () => {
            searchIndexWritten = searchProjection.flush();
            if (!searchIndexWritten) throw new Error("changed messages are left unindexed");
          },
        ],
        ["closing the search index's connection", () => projectionConnection.close()],
        ["closing the database", () => db.$client.close()],
        // Left when the index lacks changes: the next start reads it as a crash and catches up.
        ["removing the running mark", () => searchIndexWritten && unmarkRunning()],
      ]);
      logStopped(logger, unstored);
      if (unstored.updates > 0) throw new UnstoredUpdatesError(unstored);
    })();
    return closing;
  };

  return {
    url: `http://${host}:${port}`,
    websocketUrl: `ws://${host}:${port}`,
    port,
    hocuspocus,
    ctx,
    files,
    idle: () => persistence.idle(),
    close,
  };
}
