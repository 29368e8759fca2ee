import { apiRoutes, type RegisterDeviceInput } from '@dmc/shared/api';
import type { AuthScheme } from './http-auth';
import { SimDevice, type SessionSummary } from './device';
import { deviceIdentity, deviceProfile, notifySecretFor, seededRandom } from './identity';
import { createLimiter } from './limiter';
import type { NotificationStats } from './notification';
import { createPushListener, type PushListener } from './push-listener';

export interface FleetOptions {
  devices: number;
  /** The DMAcc SrvURI every device uses, e.g. http://127.0.0.1:8080/dm. */
  serverUrl: string;
  /** DevID prefix: `IMEI` or e.g. `sim` (default). */
  prefix?: string;
  /** First device number (default 1). */
  firstNumber?: number;
  seed?: number;
  /** Secret derivation seed, see deviceIdentity. */
  secretSeed?: string;
  /** Sessions in flight at once (default 16). */
  concurrency?: number;
  /** Seconds between a device's contacts in start() mode (default 60), ±20 % jitter. */
  intervalS?: number;
  /** start() spreads the first contacts over this many seconds (default: intervalS). */
  firstContactS?: number;
  auth?: AuthScheme;
  /** Register every device through the console API first (201, or 409 when already known). */
  register?: { apiUrl: string; token: string };
  browser?: (url: string) => Promise<boolean>;
  log?: (line: string) => void;
  /** Listen for P0 (one HTTP server for the fleet) and give every device its push URL (protocol §6). */
  push?: FleetPushOptions;
  /**
   * Devices whose firmware lies (SimDeviceOptions.firmwareLies): a successful FUMO update keeps the
   * old FwV. Called with each DevID and its index in the fleet (0-based).
   */
  firmwareLies?: (devId: string, index: number) => boolean;
}

export interface FleetPushOptions {
  host?: string;
  /** 0 or unset = an ephemeral port. */
  port?: number;
  /** Base of the advertised push URLs, when the server reaches the fleet at another address. */
  publicUrl?: string;
  /** Give every device a notifySecret distinct from its DM secret (sent at registration). */
  notifySecrets?: boolean;
}

export interface FleetSummary {
  sessionsOk: number;
  sessionsFailed: number;
  commandsExecuted: number;
}

export interface Fleet {
  readonly devices: readonly SimDevice[];
  /** The P0 listener, when `push` was asked for. */
  readonly push: PushListener | undefined;
  /** Resolves once the push listener (if any) listens and every device holds its push URL. */
  ready(): Promise<void>;
  /** P0 outcomes summed over the fleet. */
  notificationStats(): NotificationStats;
  /** Registers (when asked) and starts periodic contacts. */
  start(): Promise<void>;
  /** Stops the timers and the push listener; resolves when in-flight sessions and background work have ended. */
  stop(): Promise<void>;
  /** Every device runs one session (bounded concurrency); resolves with the totals of that round. */
  runOnce(): Promise<FleetSummary>;
  /** Totals since the fleet was created. */
  summary(): FleetSummary;
}

const JITTER = 0.2;

interface Registration {
  devId: string;
  secret: string;
  notifySecret?: string;
  pushUrl?: string;
}

async function registerAll(
  devices: readonly Registration[],
  register: { apiUrl: string; token: string },
  limit: <T>(task: () => Promise<T>) => Promise<T>,
): Promise<void> {
  const url = new URL(apiRoutes.devices, register.apiUrl).toString();
  await Promise.all(
    devices.map((d) =>
      limit(async () => {
        const body: RegisterDeviceInput = { ...d, labels: ['sim'] };
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${register.token}` },
          body: JSON.stringify(body),
        });
        await response.arrayBuffer();
        if (response.status !== 201 && response.status !== 409) {
          throw new Error(`registering ${d.devId} failed: HTTP ${response.status}`);
        }
      }),
    ),
  );
}

/** N simulated devices with distinct identities and varied profiles (deterministic from `seed`). */
export function createFleet(options: FleetOptions): Fleet {
  const random = seededRandom(options.seed ?? 1);
  const prefix = options.prefix ?? 'sim';
  const first = options.firstNumber ?? 1;
  const identities = Array.from({ length: options.devices }, (_, i) => {
    const id = deviceIdentity(prefix, first + i, options.secretSeed);
    return options.push?.notifySecrets === true
      ? { ...id, notifySecret: notifySecretFor(id.devId, options.secretSeed) }
      : id;
  });
  const devices = identities.map(
    (id, index) =>
      new SimDevice({
        ...id,
        firmwareLies: options.firmwareLies?.(id.devId, index) ?? false,
        serverUrl: options.serverUrl,
        profile: deviceProfile(random),
        random: seededRandom(Math.floor(random() * 2 ** 31)),
        ...(options.auth === undefined ? {} : { auth: options.auth }),
        ...(options.browser === undefined ? {} : { browser: options.browser }),
        ...(options.log === undefined ? {} : { log: options.log }),
      }),
  );
  const limit = createLimiter(Math.max(1, options.concurrency ?? 16));
  const totals: FleetSummary = { sessionsOk: 0, sessionsFailed: 0, commandsExecuted: 0 };
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<unknown>>();
  let registered = false;
  let running = false;

  const track = <T>(session: Promise<T>): Promise<T> => {
    inFlight.add(session);
    void session.finally(() => inFlight.delete(session)).catch(() => undefined);
    return session;
  };

  const count = (into: FleetSummary, s: SessionSummary): void => {
    if (s.ok) into.sessionsOk += 1;
    else into.sessionsFailed += 1;
    into.commandsExecuted += s.commandsExecuted;
  };

  const push =
    options.push === undefined
      ? undefined
      : createPushListener({
          ...(options.push.host === undefined ? {} : { host: options.push.host }),
          ...(options.push.port === undefined ? {} : { port: options.push.port }),
          ...(options.push.publicUrl === undefined ? {} : { publicUrl: options.push.publicUrl }),
          ...(options.log === undefined ? {} : { log: options.log }),
          // Sessions a P0 starts share the fleet's concurrency limit and totals.
          startSession: (_device, run) => track(limit(run)).then((s) => count(totals, s)),
        });
  for (const device of devices) push?.attach(device);

  let ready: Promise<void> | undefined;
  const ensureReady = (): Promise<void> => {
    ready ??= (async () => {
      if (push === undefined) return;
      await push.listening;
      for (const device of devices) device.setPushUrl(push.url(device.devId));
    })();
    return ready;
  };

  const ensureRegistered = async (): Promise<void> => {
    await ensureReady();
    if (registered || options.register === undefined) return;
    const registrations = identities.map((id): Registration => {
      const pushUrl = push?.url(id.devId);
      return pushUrl === undefined ? id : { ...id, pushUrl };
    });
    await registerAll(registrations, options.register, limit);
    registered = true;
  };

  const contact = (device: SimDevice): Promise<SessionSummary> => {
    const session = track(
      limit(() => {
        device.simulateActivity();
        return device.runSession('client');
      }),
    );
    return session.then((s) => {
      count(totals, s);
      return s;
    });
  };

  const schedule = (device: SimDevice, delayMs: number): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!running) return;
      void contact(device).finally(() => {
        if (!running) return;
        const interval = (options.intervalS ?? 60) * 1000;
        schedule(device, interval * (1 - JITTER + 2 * JITTER * random()));
      });
    }, delayMs);
    timers.add(timer);
  };

  return {
    devices,
    push,
    ready: ensureReady,
    notificationStats() {
      const sum: NotificationStats = { accepted: 0, duplicates: 0, rejected: 0 };
      for (const device of devices) {
        const s = device.notificationStats;
        sum.accepted += s.accepted;
        sum.duplicates += s.duplicates;
        sum.rejected += s.rejected;
        if (s.lastRejection !== undefined) sum.lastRejection = s.lastRejection;
      }
      return sum;
    },
    async start() {
      await ensureRegistered();
      running = true;
      const spread = (options.firstContactS ?? options.intervalS ?? 60) * 1000;
      for (const device of devices) schedule(device, spread * random());
    },
    async stop() {
      running = false;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await push?.close();
      await Promise.allSettled([...inFlight]);
      await Promise.all(devices.map((d) => d.whenIdle()));
    },
    async runOnce() {
      await ensureRegistered();
      const round: FleetSummary = { sessionsOk: 0, sessionsFailed: 0, commandsExecuted: 0 };
      const results = await Promise.all(devices.map((d) => contact(d)));
      // Async EXEC outcomes travel in their own sessions: let them finish before reporting.
      await Promise.all(devices.map((d) => d.whenIdle()));
      for (const s of results) count(round, s);
      return round;
    },
    summary: () => ({ ...totals }),
  };
}
