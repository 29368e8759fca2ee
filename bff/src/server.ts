// Composition root: config → store (+ Redis) → app → listen → background work. The only module that
// picks implementations; it also owns the graceful shutdown. `main.ts` runs it; development tools
// (the demo fleet) start it through the package's `./server` entry.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { createApp, type App } from './app';
import { logDestination } from './observability/log-destination';
import { ConfigError, loadConfig, type Config } from './config';
import {
  LEASES_TASK,
  startBackgroundWork,
  type BackgroundTask,
  type BackgroundWork,
} from './domain/background/background-work';
import { InputError } from './domain/errors';
import { removeExpired } from './domain/housekeeping';
import { profileCountsPublisher } from './domain/profiles/counts-publisher';
import { createMembershipSweep } from './domain/profiles/membership-sweep';
import { pruneSessionLog } from './domain/session-log/session-log-retention';
import { pruneTreeHistory } from './domain/tree/tree-history-retention';
import { systemClock } from './domain/ports';
import { openPostgresStore, openSqliteStore } from './persistence';
import { lockDataDir } from './persistence/data-dir-lock';
import { openFsBlobStore } from './persistence/files/fs-blob-store';
import { StoreUnavailableError, type Store } from './persistence/ports';
import { connectRedis, type RedisLink } from './realtime/redis-link';
import { secureDataDir } from './secrets/data-dir';
import { SECRET_KEY_FILE, openSecretKey, type SecretKeyOrigin } from './secrets/secret-key';

/** Refusals a caller of the services may meet (e.g. registering a known device). */
export { ConflictError } from './domain/errors';

const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

function openStore(config: Config, log: Logger): Promise<Store> {
  return config.databaseUrl
    ? openPostgresStore({
        url: config.databaseUrl,
        poolSize: config.databasePoolSize,
        preparedStatements: config.databasePreparedStatements,
        onPoolError: (err) => log.warn({ err }, 'idle database connection lost'),
      })
    : openSqliteStore({
        file: path.join(config.dataDir, 'dmc.sqlite'),
        backgroundCheckpoints: true,
        onCheckpointError: (message) => log.warn({ message }, 'WAL checkpoint failed'),
      });
}

/**
 * Every timer-driven job (invariant 9). `everywhere` jobs run on every instance, each claiming its own
 * rows; the others run on one instance at a time under their lease, spread over the live instances.
 */
function backgroundTasks(app: App, store: Store, config: Config): BackgroundTask[] {
  const { dm, commands, notifications, operations, campaigns } = app.services;
  // Profiles' membership (protocol §14): the sweep a write starts at once runs in its service; this
  // one goes over every enabled profile now and then, on one instance at a time.
  const profileSweep = createMembershipSweep(store, {
    clock: systemClock,
    notifications,
    counts: profileCountsPublisher(store.profiles, app.events),
    onError: () => undefined,
  });
  return [
    // One session per transaction, claimed through its device's row lock (SKIP LOCKED).
    { name: 'session-expiry', intervalMs: 1_000, placement: 'everywhere', run: () => dm.expireIdle() },
    // Due commands claimed SKIP LOCKED and moved by a conditional transition.
    { name: 'command-expiry', intervalMs: 2_000, placement: 'everywhere', run: () => commands.expireDue() },
    // Polled often (one indexed query): a P0 leaves about 50–100 ms after the work was queued, while
    // work queued within the 50 ms coalescing window still shares one P0 (protocol §6). Attempts are
    // claimed SKIP LOCKED with a compare-and-set, so dispatchers on every instance share the pushes.
    {
      name: 'notification-dispatch',
      intervalMs: 50,
      placement: 'everywhere',
      run: () => notifications.dispatchDue(),
    },
    // Firmware updates and software installs move on as their commands finish.
    { name: 'operation-reconcile', intervalMs: 1_000, run: () => operations.reconcileActive() },
    // Campaigns move on: membership, waves, devices followed to their end (protocol §11). Each live
    // instance steps the campaigns hashed to it; a step on two at once is still safe (invariant 26).
    {
      name: 'campaign-step',
      intervalMs: 1_000,
      placement: 'everywhere',
      run: ({ owns }) => campaigns.step(undefined, owns),
    },
    { name: 'profile-sweep', intervalMs: config.profileSweepS * 1_000, run: () => profileSweep.sweepAll() },
    {
      name: 'housekeeping',
      intervalMs: 30_000,
      run: () =>
        removeExpired(store, systemClock, {
          subInboxIdleS: config.subInboxIdleS,
          sessionIdleMinutes: config.sessionIdleMinutes,
          onTokensEnded: app.disconnectTokens,
        }),
    },
    // The session inspector's packages, bounded by age and per device (profile §13).
    {
      name: 'session-log-retention',
      intervalMs: 60_000,
      run: () => pruneSessionLog(store, systemClock, config.sessionLog),
    },
    // Tree history by age and count per device, in batches (protocol §13).
    {
      name: 'tree-history-retention',
      intervalMs: 60_000,
      run: () => pruneTreeHistory(store, systemClock, config.treeHistory),
    },
  ];
}

const keyFileNote: Record<Exclude<SecretKeyOrigin, 'env'>, string> = {
  file: 'secret key read from its file',
  created: 'secret key made: back its file up, the device secrets cannot be read without it',
  moved: 'secret key moved out of the database into its file: back the file up',
};

/**
 * Creates the first admin of an empty database. DMC_ADMIN_PASSWORD must then pass the password policy
 * of every user (protocol §10); a password it refuses stops the start, naming the variable and the
 * rule, before anything is created.
 */
async function firstAdmin(app: App, config: Config): Promise<{ generatedPassword?: string }> {
  try {
    return await app.services.auth.ensureFirstAdmin(config.adminUser, config.adminPassword);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    throw new Error(
      `DMC_ADMIN_PASSWORD cannot be the first admin's password: ${err.message} ` +
        'It follows the password policy of every user (protocol §10); nothing was created.',
      { cause: err },
    );
  }
}

export interface RunningServer {
  readonly config: Config;
  readonly app: App;
  /** The key device credentials are derived under (shared by every instance). */
  readonly serverKey: Buffer;
  readonly log: Logger;
  /** Runs `task` during a graceful shutdown, after new requests stop and before background work ends. */
  onShutdown(task: () => Promise<void>): void;
}

/**
 * Starts the server from the DMC_* environment and shuts it down gracefully on SIGTERM and SIGINT
 * (then exits the process). A bad configuration prints what is wrong and exits with status 1.
 */
export async function runServer(env: Record<string, string | undefined>): Promise<RunningServer> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const log = pino({ level: config.logLevel, base: { instance: config.instanceId } }, logDestination());
  for (const warning of await secureDataDir(config.dataDir)) log.warn(warning);
  // One server per SQLite data directory (invariant 31); released when the process exits.
  if (!config.databaseUrl) lockDataDir(config.dataDir);
  const store = await openStore(config, log);
  let serverKey: Buffer;
  try {
    const secret = await openSecretKey({ store, dataDir: config.dataDir, configured: config.secretKey });
    serverKey = secret.key;
    if (secret.origin !== 'env')
      log.info({ keyFile: path.join(config.dataDir, SECRET_KEY_FILE) }, keyFileNote[secret.origin]);
  } catch (err) {
    // A missing or wrong key (SecretKeyError) stops the start with its message; nothing was changed.
    await store.close();
    throw err;
  }
  const artifactBlobs = await openFsBlobStore({ dir: path.join(config.dataDir, 'artifacts') });
  const redis: RedisLink | undefined = config.redisUrl
    ? connectRedis({ url: config.redisUrl, prefix: config.redisPrefix, log })
    : undefined;
  const app = createApp({
    store,
    clock: systemClock,
    log,
    serverKey,
    artifactBlobs,
    ...(redis ? { redis } : {}),
    instanceId: config.instanceId,
    ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
    processMetrics: true,
    storage: { dir: config.dataDir, minFreeBytes: config.minFreeBytes },
    settings: {
      publicUrl: config.publicUrl,
      sessionIdleS: config.sessionIdleS,
      sessionIdleMinutes: config.sessionIdleMinutes,
      maxPackageBytes: config.maxPackageBytes,
      maxCommandsPerPackage: config.maxCommandsPerPackage,
      maxDeliveries: config.maxDeliveries,
      campaignApprovalRequired: config.campaignApprovalRequired,
      commandTtlS: config.commandTtlS,
      serverId: config.serverId,
      notifyDeadlineS: config.notifyDeadlineS,
      maxArtifactBytes: config.maxArtifactBytes,
      pushAllowPrivate: config.pushAllowPrivate,
      subInboxIdleS: config.subInboxIdleS,
      treeLimits: { maxNodesPerWrite: config.maxNodesPerWrite, maxNodesPerDevice: config.maxNodesPerDevice },
      maxDiscardBytes: config.maxDiscardBytes,
      webDistDir: WEB_DIST,
      ...(config.tls
        ? { tls: { cert: readFileSync(config.tls.cert), key: readFileSync(config.tls.key) } }
        : {}),
    },
  });
  const admin = await firstAdmin(app, config).catch(async (err: unknown) => {
    await store.close();
    throw err;
  });

  await new Promise<void>((resolve, reject) => {
    app.httpServer.once('error', reject);
    app.httpServer.listen(config.port, config.host, resolve);
  });

  const unavailableTasks = new Set<string>();
  const background: BackgroundWork = startBackgroundWork({
    leases: store.leases,
    holder: config.instanceId,
    ttlMs: config.leaseTtlS * 1000,
    clock: systemClock,
    tasks: backgroundTasks(app, store, config).map((task) => ({
      ...task,
      run: async (context) => {
        const handled = await task.run(context);
        if (typeof handled === 'number' && handled > 0)
          app.metrics.backgroundWork.inc({ task: task.name }, handled);
        // The database answers again: the lease keeper's next failure is worth a line too.
        unavailableTasks.delete(task.name);
        unavailableTasks.delete(LEASES_TASK);
      },
    })),
    onError: (task, err) => {
      // During a database outage every tick fails the same way: say so once per task and outage.
      if (err instanceof StoreUnavailableError) {
        if (!unavailableTasks.has(task))
          log.warn({ task, reason: err.message }, 'background task waits for the database');
        unavailableTasks.add(task);
        return;
      }
      log.error({ err, task }, 'background task failed');
    },
    onLeaseChange: (task, isHeld) => {
      app.metrics.leaseHeld.set({ lease: task }, isHeld ? 1 : 0);
      // Worth reading when several instances share the work; noise for a single one.
      const level = config.redisUrl === undefined ? 'debug' : 'info';
      log[level]({ task, isHeld }, isHeld ? 'lease taken' : 'lease given up');
    },
    onInstancesChange: (live) => {
      app.metrics.backgroundInstances.set(live.length);
      if (config.redisUrl !== undefined) log.info({ instances: live }, 'background work shared');
    },
  });

  const engine = store.engine === 'sqlite' ? `SQLite in ${config.dataDir}` : 'PostgreSQL';
  const password =
    admin.generatedPassword ??
    (config.adminPassword ? '(from DMC_ADMIN_PASSWORD)' : '(set when this database was created)');
  console.log(
    [
      '',
      `  dmc is running at ${config.publicUrl}  (database: ${engine}${redis ? ', live events: Redis' : ''})`,
      `  sign in as:  ${config.adminUser} / ${password}`,
      admin.generatedPassword ? '  (this generated password is shown only once: keep it)' : '',
      '',
    ].join('\n'),
  );

  const shutdownTasks: (() => Promise<void>)[] = [];
  let isStopping = false;
  /** A log line that can never stop the shutdown (the log stream may be a broken pipe). */
  const note = (write: () => void) => {
    try {
      write();
    } catch {
      // Nothing to do: the exit does not wait for the log.
    }
  };
  const shutdown = (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    const graceMs = config.shutdownTimeoutS * 1000;
    // Armed before anything else, so nothing after it (logging included) can keep the process alive.
    // Unref'd: it fires while anything still holds the event loop, and with nothing left the process
    // has exited by itself.
    const force = setTimeout(() => {
      note(() => log.error('shutdown took too long; exiting'));
      process.exit(1);
    }, graceMs + 5_000);
    force.unref();
    note(() => log.info({ signal, graceMs }, 'shutting down: draining requests'));
    void (async () => {
      // /readyz now answers 503, so a load balancer stops sending new work here.
      app.readiness.markStopping();
      // Stop accepting; in-flight requests finish (idle keep-alive connections close at once).
      const drained = new Promise<void>((resolve) => app.httpServer.close(() => resolve()));
      for (const task of shutdownTasks) await task();
      // Runs in progress finish; leases are released so another instance takes over at once.
      await background.stop();
      // Disconnects consoles (they reconnect to another instance).
      void app.io.close().catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([drained, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      app.httpServer.closeAllConnections();
      await redis?.close();
      await store.close();
      note(() => log.info('stopped'));
      process.exit(0);
    })().catch((err: unknown) => {
      note(() => log.error({ err }, 'shutdown failed'));
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  return {
    config,
    app,
    serverKey,
    log,
    onShutdown: (task) => {
      shutdownTasks.push(task);
    },
  };
}
