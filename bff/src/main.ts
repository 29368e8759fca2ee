// Composition root: config → store → app → listen. The only file that picks implementations.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { removeExpired } from './domain/housekeeping';
import { systemClock } from './domain/ports';
import { openPostgresStore, openSqliteStore } from './persistence';
import { openFsBlobStore } from './persistence/files/fs-blob-store';
import type { Store } from './persistence/ports';
import { loadServerKey } from './server-key';
import { startDemoFleet, type DemoFleet } from './demo';

const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
const SWEEP_INTERVAL_MS = 5_000;
const NOTIFY_POLL_MS = 250;
const RECONCILE_MS = 1_000;

function openStore(config: Config): Promise<Store> {
  return config.databaseUrl
    ? openPostgresStore({ url: config.databaseUrl })
    : openSqliteStore({ file: path.join(config.dataDir, 'dmc.sqlite') });
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const log = pino({ level: config.logLevel });
  const store = await openStore(config);
  const serverKey = await loadServerKey(store);
  const artifactBlobs = await openFsBlobStore({ dir: path.join(config.dataDir, 'artifacts') });
  const app = createApp({
    store,
    clock: systemClock,
    log,
    serverKey,
    artifactBlobs,
    settings: {
      publicUrl: config.publicUrl,
      sessionIdleS: config.sessionIdleS,
      maxPackageBytes: config.maxPackageBytes,
      maxCommandsPerPackage: config.maxCommandsPerPackage,
      commandTtlS: config.commandTtlS,
      serverId: config.serverId,
      notifyDeadlineS: config.notifyDeadlineS,
      maxArtifactBytes: config.maxArtifactBytes,
      webDistDir: WEB_DIST,
      ...(config.tls
        ? { tls: { cert: readFileSync(config.tls.cert), key: readFileSync(config.tls.key) } }
        : {}),
    },
  });
  const admin = await app.services.auth.ensureFirstAdmin(config.adminUser, config.adminPassword);

  await new Promise<void>((resolve, reject) => {
    app.httpServer.once('error', reject);
    app.httpServer.listen(config.port, config.host, resolve);
  });

  const sweeper = setInterval(() => {
    Promise.all([
      app.services.dm.expireIdle(),
      app.services.commands.expireDue(),
      removeExpired(store, systemClock),
    ]).catch((err: unknown) => log.error({ err }, 'sweep failed'));
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();
  // P0 pushes: polled often, so work queued within the coalescing window leaves within about a second.
  let isDispatching = false;
  const dispatcher = setInterval(() => {
    if (isDispatching) return;
    isDispatching = true;
    app.services.notifications
      .dispatchDue()
      .catch((err: unknown) => log.error({ err }, 'notification dispatch failed'))
      .finally(() => {
        isDispatching = false;
      });
  }, NOTIFY_POLL_MS);
  dispatcher.unref();
  // Firmware updates and software installs move on as their commands finish.
  let isReconciling = false;
  const reconciler = setInterval(() => {
    if (isReconciling) return;
    isReconciling = true;
    app.services.operations
      .reconcileActive()
      .catch((err: unknown) => log.error({ err }, 'operation reconcile failed'))
      .finally(() => {
        isReconciling = false;
      });
  }, RECONCILE_MS);
  reconciler.unref();

  const engine = store.engine === 'sqlite' ? `SQLite in ${config.dataDir}` : 'PostgreSQL';
  const password =
    admin.generatedPassword ??
    (config.adminPassword ? '(from DMC_ADMIN_PASSWORD)' : '(set when this database was created)');
  console.log(
    [
      '',
      `  dmc is running at ${config.publicUrl}  (database: ${engine})`,
      `  sign in as:  ${config.adminUser} / ${password}`,
      admin.generatedPassword ? '  (this generated password is shown only once: keep it)' : '',
      '',
    ].join('\n'),
  );

  let demo: DemoFleet | undefined;
  if (config.demoDevices > 0) {
    demo = await startDemoFleet({
      count: config.demoDevices,
      serverUrl: `http://127.0.0.1:${config.port}`,
      devices: app.services.devices,
      commands: app.services.commands,
      serverKey,
      log,
    });
    console.log(`  demo fleet: ${config.demoDevices} simulated devices are talking OMA DM to this server\n`);
  }

  let isStopping = false;
  const shutdown = (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    log.info({ signal }, 'shutting down');
    clearInterval(sweeper);
    clearInterval(dispatcher);
    clearInterval(reconciler);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void (async () => {
      await demo?.stop();
      await app.io.close(); // also closes the HTTP server (stack.md gotcha 9)
      await store.close();
      process.exit(0);
    })();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('dmc failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
