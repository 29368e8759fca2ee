// createApp(deps): wires services, HTTP routes and socket.io around a store. It never listens;
// main.ts (and tests) decide where and when.
import { createServer as createHttpServer, type RequestListener, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import express from 'express';
import type { Logger } from 'pino';
import type { MoMetadata } from '@dmc/shared/metadata';
import type { Store } from './persistence/ports';
import type { Clock, EventPublisher } from './domain/ports';
import { createAlertService } from './domain/alerts/alert.service';
import { createArtifactService, type ArtifactService } from './domain/artifacts/artifact.service';
import { createAuditService } from './domain/audit/audit.service';
import type { ArtifactBlobStore } from './domain/artifacts/blob-store';
import { createAuthService, type AuthService } from './domain/auth/auth.service';
import { createApiTokenService } from './domain/auth/api-token.service';
import { createOwnSessionsService } from './domain/auth/own-sessions.service';
import { createSessionRevocation, type DisconnectTokens } from './domain/auth/session-revocation';
import { createUserAdminService } from './domain/auth/user-admin.service';
import { createDeviceAuthenticator } from './domain/auth/device-auth';
import { createCampaignService, type CampaignService } from './domain/campaigns/campaign.service';
import { createCommandService, type CommandService } from './domain/commands/command.service';
import { createCommandRetry } from './domain/commands/command-retry';
import { createDeviceService, type DeviceService } from './domain/devices/device.service';
import type { DeviceThrottlePolicy } from './domain/auth/device-throttle';
import { createDmSessionService, type DmSessionService } from './domain/dm/dm-session.service';
import { createDrService, type DrService } from './domain/dr/dr.service';
import { DEFAULT_TREE_LIMITS, type TreeLimits } from './domain/tree/tree-limits';
import { createMetadataService } from './domain/metadata/metadata.service';
import { createOperationService, type OperationService } from './domain/operations/operation.service';
import { createProfileEnforcement, type EnabledProfileCache } from './domain/profiles/enforcement';
import { createSessionService } from './domain/sessions/session.service';
import { createCapabilityCapture, type CapabilityCapture } from './domain/session-log/capability-capture';
import { captureCapabilityRequests } from './http/capability-capture';
import { createRefusalService, type RefusalService } from './domain/refusals/refusal.service';
import { createStatsService } from './domain/stats/stats.service';
import { createTreeReadService } from './domain/tree/tree-read.service';
import { createPageTemplateService } from './domain/page-templates/page-template.service';
import { createProfileService } from './domain/profiles/profile.service';
import { createSavedViewService } from './domain/views/saved-view.service';
import { createDevicePageService } from './domain/device-pages/device-page.service';
import {
  createNotificationService,
  DEFAULT_NOTIFICATION_SETTINGS,
  type NotificationService,
} from './domain/notify/notification.service';
import { createHttpPushTransport, type PushTransport } from './domain/notify/push-transport';
import type { PushUrlPolicy } from './domain/notify/push-url-policy';
import { authenticate } from './http/authn';
import { dmEndpoint } from './http/dm/dm-endpoint';
import { artifactDrRoutes } from './http/dr/artifacts.routes';
import { drRoutes } from './http/dr/dr.routes';
import { createErrorHandler, createErrorMapper } from './http/error-handler';
import type { ApiServices } from './http/api-services';
import { mountOperations } from './http/mount-operations';
import { API_BODY_BYTES, jsonBody } from './http/body-parsers';
import { apiDocumentsJson } from './http/openapi/api-documents';
import { sendProblem } from './http/problem';
import { requireSameOrigin } from './http/same-origin';
import { apiRoutes } from '@dmc/shared/api';
import { setSecurityHeaders } from './http/security-headers';
import { DEFAULT_MAX_DISCARD_BYTES } from './http/request-body';
import { CONSOLE_OPERATIONS, SERVICE_OPERATIONS } from './http/routes/console-api';
import { VERSION } from './http/routes/health.routes';
import { spaRoutes } from './http/routes/spa.routes';
import { devicePageRoutes } from './http/device-pages/device-pages.routes';
import { createSocketPublisher } from './realtime/event-publisher';
import type { ConsoleServer } from './realtime/console-socket';
import { createSocketServer, socketDisconnector, tokenDisconnector } from './realtime/socket-server';
import { tokenHash } from './domain/auth/tokens';
import type { RedisLink } from './realtime/redis-link';
import { createMetrics, type Metrics } from './observability/metrics';
import { createReadiness, type Readiness, type StorageCheck } from './observability/readiness';
import { requestIdOf, requestLogging } from './observability/request-log';

export interface AppSettings {
  publicUrl: string;
  sessionIdleS: number;
  maxPackageBytes: number;
  maxCommandsPerPackage: number;
  /** Sessions a command is sent in without a status before it fails (DMC_MAX_DELIVERIES). */
  maxDeliveries: number;
  /** The slow-down for wrong device credentials (protocol §7); its defaults when absent. */
  deviceThrottle?: DeviceThrottlePolicy;
  commandTtlS: number;
  /** SERVER-ID in P0 (DMC_SERVER_ID). */
  serverId: string;
  /** How long to keep trying to wake a device with P0. */
  notifyDeadlineS: number;
  /** Largest artifact upload (DMC_MAX_ARTIFACT_BYTES). */
  maxArtifactBytes: number;
  /** DMC_PUSH_ALLOW_PRIVATE: push URLs may name loopback, link-local and private addresses (protocol §12). */
  pushAllowPrivate?: boolean;
  /** DMC_SESSION_IDLE_MINUTES: a console session unused this long ends (default 60, protocol §10). */
  sessionIdleMinutes?: number;
  /** DMC_SUB_INBOX_IDLE_S: a SUB inbox without an upload for this long is closed (default 30 days). */
  subInboxIdleS?: number;
  /** Nodes per write and per device (DMC_MAX_NODES_PER_WRITE, DMC_MAX_NODES_PER_DEVICE); defaults of protocol §12. */
  treeLimits?: TreeLimits;
  /** DMC_CAMPAIGN_APPROVAL=required: every campaign needs a second admin's approval (protocol §11). */
  campaignApprovalRequired?: boolean;
  /** How much of an oversized body is read off after its 413 before the connection closes (protocol §12). */
  maxDiscardBytes?: number;
  /** How old the enabled-profile cache may grow before a DM package reads it again (default 1 s). */
  profileCacheMaxAgeMs?: number;
  webDistDir?: string;
  tls?: { cert: string | Buffer; key: string | Buffer };
}

export interface AppDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  serverKey: Buffer;
  settings: AppSettings;
  /** Where artifact bytes live (files in DMC_DATA_DIR). */
  artifactBlobs: ArtifactBlobStore;
  /** The P0 bearer; HTTP push unless a test supplies its own. */
  push?: PushTransport;
  /** Live events across instances (DMC_REDIS_URL); absent when one instance runs alone. */
  redis?: RedisLink;
  /** Names this instance in /api/v1/status (DMC_INSTANCE_ID). */
  instanceId?: string;
  /** Bearer token for /metrics (DMC_METRICS_TOKEN); without it, loopback requests only. */
  metricsToken?: string;
  /** The data directory whose free space /readyz checks (DMC_MIN_FREE_BYTES); unchecked without it. */
  storage?: StorageCheck;
  /** Process metrics (event-loop lag, heap, GC): on in main.ts, off for in-process test apps. */
  processMetrics?: boolean;
}

export interface App {
  httpServer: HttpServer;
  /** Disconnects the live sockets of ended sessions and API tokens (by hash), on every instance. */
  disconnectTokens: DisconnectTokens;
  io: ConsoleServer;
  events: EventPublisher;
  metrics: Metrics;
  readiness: Readiness;
  services: {
    auth: AuthService;
    devices: DeviceService;
    commands: CommandService;
    dm: DmSessionService;
    dr: DrService;
    notifications: NotificationService;
    artifacts: ArtifactService;
    operations: OperationService;
    refusals: RefusalService;
    campaigns: CampaignService;
    /** DR and device-page requests recorded for the session inspector. */
    capabilityCapture: CapabilityCapture;
    /** The enabled profiles DM sessions enforce; a change of a profile invalidates it (protocol §14). */
    profileCache: EnabledProfileCache;
  };
}

export function createApp(deps: AppDeps): App {
  const { store, clock, log, serverKey, settings } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // The DM endpoints answer ahead of Express once the services exist (dmEndpoint below).
  let handleRequest: RequestListener = app;
  // Every answer, DM endpoint included, starts with the security headers of profile §10.
  const listener: RequestListener = (req, res) => {
    setSecurityHeaders(req, res);
    handleRequest(req, res);
  };
  const httpServer = settings.tls ? createHttpsServer(settings.tls, listener) : createHttpServer(listener);
  // Artifact uploads can take long on slow links; header timeouts still guard against idle clients.
  httpServer.requestTimeout = 60 * 60 * 1000;
  const idleMinutes = settings.sessionIdleMinutes;
  const auth = createAuthService(store, clock, idleMinutes === undefined ? {} : { idleMinutes });
  const io = createSocketServer(httpServer, auth, { publicUrl: settings.publicUrl, clock, log });
  deps.redis?.attach(io);
  const metrics = createMetrics({ store, processMetrics: deps.processMetrics ?? false });
  const readiness = createReadiness({
    store,
    redis: deps.redis,
    metrics,
    version: VERSION,
    instanceId: deps.instanceId ?? 'dmc',
    ...(deps.storage ? { storage: deps.storage } : {}),
  });
  const events = metrics.countEvents(createSocketPublisher(io));

  const metadata = createMetadataService(store, {
    clock,
    onReloadError: (err) => log.warn({ err }, 'cannot reload imported meta-data'),
  });
  // Loaded before the first DM session wants it; a failure is retried on the next read.
  metadata.reload().catch((err: unknown) => log.warn({ err }, 'cannot load imported meta-data'));
  const extraMetadata = (): readonly MoMetadata[] => metadata.extraMetadata();
  const pushUrls: PushUrlPolicy = { allowPrivate: settings.pushAllowPrivate ?? false };
  const devices = createDeviceService(store, { clock, events, serverKey, pushUrls });
  const announceDevice = (devId: string) => devices.announce(devId);
  const dr = createDrService(store, {
    clock,
    events,
    publicUrl: settings.publicUrl,
    announceDevice,
    extraMetadata,
    pushUrls,
    ...(settings.subInboxIdleS === undefined ? {} : { subInboxIdleS: settings.subInboxIdleS }),
    treeLimits: settings.treeLimits ?? DEFAULT_TREE_LIMITS,
  });
  const artifacts = createArtifactService(store, {
    clock,
    publicUrl: settings.publicUrl,
    blobs: deps.artifactBlobs,
    maxBytes: settings.maxArtifactBytes,
    isInUse: (id) => store.operations.isArtifactInUse(id),
  });
  const notifications = createNotificationService(store, {
    clock,
    events,
    serverKey,
    push: metrics.countPushes(deps.push ?? createHttpPushTransport({ policy: pushUrls })),
    settings: {
      ...DEFAULT_NOTIFICATION_SETTINGS,
      serverId: settings.serverId,
      deadlineS: settings.notifyDeadlineS,
    },
  });
  const pageTemplates = createPageTemplateService(store, { clock });
  const devicePages = createDevicePageService(store, {
    clock,
    events,
    publicUrl: settings.publicUrl,
    templates: pageTemplates,
  });
  const commands = createCommandService(store, {
    clock,
    events,
    publicUrl: settings.publicUrl,
    defaultTtlS: settings.commandTtlS,
    dr,
    hostPage: (input, repos) => devicePages.hostPage(input, repos),
    onQueued: (devId) => notifications.wake(devId),
  });
  const commandRetry = createCommandRetry(store, {
    clock,
    publicUrl: settings.publicUrl,
    defaultTtlS: settings.commandTtlS,
    dr,
    hostPage: (input, repos) => devicePages.hostPage(input, repos),
    commands,
  });
  const operations = createOperationService(store, { clock, events, commands, artifacts });
  const campaigns = createCampaignService(store, {
    clock,
    events,
    commands,
    operations,
    notifications,
    artifacts,
    extraMetadata,
    approvalRequired: settings.campaignApprovalRequired ?? false,
  });
  const nonces = { claim: (n: string, nc: number, at: number) => store.nonces.claim(n, nc, new Date(at)) };
  const enforcement = createProfileEnforcement(store, { clock, events, dr, settings, extraMetadata });
  const authenticator = createDeviceAuthenticator(serverKey, nonces, () => clock.now().getTime());
  const dm = createDmSessionService(store, {
    clock,
    events,
    authenticator,
    settings,
    announceDevice,
    onSessionStarted: (devId, sessionId) => notifications.answered(devId, sessionId),
    extraMetadata,
    pushUrls,
    treeLimits: settings.treeLimits ?? DEFAULT_TREE_LIMITS,
    profiles: enforcement.enforcer,
  });

  const mapError = createErrorMapper(log, { onStorageFull: () => readiness.markStorageFull() });
  const maxDiscardBytes = settings.maxDiscardBytes ?? DEFAULT_MAX_DISCARD_BYTES;
  const refusals = createRefusalService(store, { clock, events, log });
  handleRequest = dmEndpoint(
    dm,
    {
      maxPackageBytes: settings.maxPackageBytes,
      maxDiscardBytes,
      log,
      metrics,
      mapError,
      onRefused: (devId, report) => refusals.report(devId, report),
    },
    app,
  );

  app.use((req, res, next) => {
    res.locals.requestId = requestIdOf(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', res.locals.requestId as string);
    next();
  });
  app.use(requestLogging(log, metrics));
  // The session inspector sees every DR and page request of a command (profile §13).
  const capabilityCapture = createCapabilityCapture(store, { log });
  app.use(captureCapabilityRequests(capabilityCapture, clock));

  app.use(
    drRoutes(dr, {
      maxUploadBytes: settings.maxPackageBytes,
      maxDiscardBytes,
      mapError,
      onRefused: (token, report) => refusals.reportForInbox(token, report),
    }),
  );
  app.use(artifactDrRoutes(artifacts));
  app.use(devicePageRoutes(devicePages, { publicUrl: settings.publicUrl }));
  const audit = createAuditService(store, { clock });
  const disconnectTokens = tokenDisconnector(io);
  const services: ApiServices = {
    // Signing out ends the session's live sockets too, on every instance (protocol §10).
    auth: {
      ...auth,
      async logout(token) {
        const ended = await auth.logout(token);
        if (ended) disconnectTokens([tokenHash(token)]);
        return ended;
      },
    },
    users: createUserAdminService(
      store,
      createSessionRevocation(store, { user: socketDisconnector(io), tokens: disconnectTokens }),
    ),
    ownSessions: createOwnSessionsService(store, {
      clock,
      disconnect: disconnectTokens,
      ...(idleMinutes === undefined ? {} : { idleMinutes }),
    }),
    apiTokens: createApiTokenService(store, { clock, disconnect: disconnectTokens }),
    devices,
    trees: createTreeReadService(store, { extraMetadata: () => metadata.loadExtraMetadata() }),
    metadata,
    commands,
    commandRetry,
    sessions: createSessionService(store),
    refusals,
    pageTemplates,
    notifications,
    alerts: createAlertService(store, { clock, events }),
    stats: createStatsService(store, clock),
    artifacts,
    operations,
    campaigns,
    views: createSavedViewService(store, { clock }),
    profiles: createProfileService(store, { clock, events, notifications, log, cache: enforcement.cache }),
    audit,
    readiness,
    metrics,
    http: {
      secureCookie: settings.publicUrl.startsWith('https:'),
      metricsToken: deps.metricsToken,
      ...apiDocumentsJson(settings.publicUrl),
    },
  };
  const signedIn = authenticate(auth);
  // Profile §10: cookie-authenticated changes come from the console's own origin (CSRF).
  app.use(requireSameOrigin({ publicUrl: settings.publicUrl, bodyAuthenticated: [apiRoutes.login] }));
  app.use(mountOperations(express.Router(), SERVICE_OPERATIONS, services, signedIn, audit));

  const api = express.Router();
  api.use(jsonBody({ maxBytes: API_BODY_BYTES, maxDiscardBytes }));
  mountOperations(api, CONSOLE_OPERATIONS, services, signedIn, audit);
  // Any other path under /api/v1 needs a sign-in too: an anonymous caller learns nothing of it (401).
  api.use('/api/v1', signedIn);
  app.use(api);
  app.use('/api', (_req, res) => sendProblem(res, 404, 'NOT_FOUND', 'No such API route.'));

  if (settings.webDistDir) app.use(spaRoutes(settings.webDistDir));
  app.use((_req, res) => sendProblem(res, 404, 'NOT_FOUND', 'Not found.'));
  app.use(createErrorHandler(mapError, { maxDiscardBytes }));

  return {
    httpServer,
    disconnectTokens,
    io,
    events,
    metrics,
    readiness,
    services: {
      auth,
      devices,
      commands,
      dm,
      dr,
      notifications,
      artifacts,
      operations,
      refusals,
      campaigns,
      capabilityCapture,
      profileCache: enforcement.cache,
    },
  };
}
