// Prometheus metrics of one app: its own registry (never prom-client's global one, so in-process
// test apps do not share counters). Counters count what this instance did; the gauges read the
// shared database at scrape time, so every instance reports the same cluster-wide values.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { EventPublisher } from '../domain/ports';
import type { PushTransport } from '../domain/notify/push-transport';
import type { Store } from '../persistence/ports';
import { openLagWindow } from './loop-lag';

export interface Metrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly leaseHeld: Gauge<'lease'>;
  /** Live instances this one sees sharing the background work (itself included). */
  readonly backgroundInstances: Gauge;
  /** Items (rows, attempts, campaigns) this instance's background runs handled, by task. */
  readonly backgroundWork: Counter<'task'>;
  /** Publishes through `inner` and counts sessions, command transitions and alerts on the way. */
  countEvents(inner: EventPublisher): EventPublisher;
  /** Pushes through `inner` and counts attempts by outcome. */
  countPushes(inner: PushTransport): PushTransport;
  /** Readiness of a dependency, as last seen (1 up, 0 down). */
  setDependencyUp(dependency: 'database' | 'redis' | 'storage', isUp: boolean): void;
}

const DB_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function createMetrics(options: { store: Store; processMetrics?: boolean }): Metrics {
  const { store } = options;
  const registry = new Registry();
  // Event-loop lag (nodejs_eventloop_lag_*), heap, GC and CPU; only for a real process (main.ts).
  if (options.processMetrics === true) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const httpDuration = new Histogram({
    name: 'dmc_http_request_duration_seconds',
    help: 'HTTP request latency by route pattern (DM, DR, console API).',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers,
  });
  const sessionsStarted = new Counter({
    name: 'dmc_dm_sessions_started_total',
    help: 'DM sessions opened by this instance.',
    registers,
  });
  const sessionsEnded = new Counter({
    name: 'dmc_dm_sessions_ended_total',
    help: 'DM sessions ended by this instance, by reason.',
    labelNames: ['reason'] as const,
    registers,
  });
  const commandTransitions = new Counter({
    name: 'dmc_command_transitions_total',
    help: 'Command state changes made by this instance, by the new state.',
    labelNames: ['state'] as const,
    registers,
  });
  const alertsReceived = new Counter({
    name: 'dmc_alerts_received_total',
    help: 'Alerts received from devices by this instance.',
    registers,
  });
  const notificationAttempts = new Counter({
    name: 'dmc_notification_attempts_total',
    help: 'P0 pushes sent by this instance, by outcome (accepted: the device answered 2xx).',
    labelNames: ['outcome'] as const,
    registers,
  });
  const dependencyUp = new Gauge({
    name: 'dmc_dependency_up',
    help: 'Whether a dependency answered its last readiness check (1) or not (0).',
    labelNames: ['dependency'] as const,
    registers,
  });
  const leaseHeld = new Gauge({
    name: 'dmc_lease_held',
    help: 'Background-work leases this instance holds (1) or not (0).',
    labelNames: ['lease'] as const,
    registers,
  });
  const backgroundInstances = new Gauge({
    name: 'dmc_background_instances',
    help: 'Live instances sharing the background work, as this instance last read them.',
    registers,
  });
  const backgroundWork = new Counter({
    name: 'dmc_background_work_total',
    help: 'Items handled by background runs of this instance, by task (expired rows, P0 attempts, …).',
    labelNames: ['task'] as const,
    registers,
  });
  const sessionsOpen = new Gauge({
    name: 'dmc_sessions_open',
    help: 'Open DM sessions (whole deployment, read from the database).',
    registers,
  });
  const commands = new Gauge({
    name: 'dmc_commands',
    help: 'Commands by state (whole deployment, read from the database).',
    labelNames: ['state'] as const,
    registers,
    async collect() {
      // A scrape during a database outage keeps the last values; dmc_dependency_up says why.
      try {
        const [open, byState] = await withTimeout(
          Promise.all([store.sessions.countOpen(), store.commands.countByState()]),
          DB_TIMEOUT_MS,
        );
        sessionsOpen.set(open);
        this.reset();
        for (const [state, n] of Object.entries(byState)) this.set({ state }, n);
      } catch {
        dependencyUp.set({ dependency: 'database' }, 0);
      }
    },
  });
  void commands;
  // No request may hold the event loop for more than ~100 ms (ARCHITECTURE.md): the worst delay seen
  // since the previous scrape says whether one did (loop-lag.ts samples every 10 ms).
  const lagWindow = openLagWindow();
  const loopLag = new Gauge({
    name: 'dmc_event_loop_lag_seconds',
    help: 'Event-loop delay since the previous scrape: its maximum and 99th percentile (stat).',
    labelNames: ['stat'] as const,
    registers,
    collect() {
      const { max, p99 } = lagWindow.take();
      this.set({ stat: 'max' }, max);
      this.set({ stat: 'p99' }, p99);
    },
  });
  void loopLag;

  return {
    registry,
    httpDuration,
    leaseHeld,
    backgroundInstances,
    backgroundWork,
    countEvents(inner) {
      return {
        publish(event, payload, scope) {
          if (event === 'session:started') sessionsStarted.inc();
          else if (event === 'session:ended' && 'sessionId' in payload && 'reason' in payload)
            sessionsEnded.inc({ reason: payload.reason });
          else if (event === 'command:state-changed' && 'state' in payload)
            commandTransitions.inc({ state: payload.state });
          else if (event === 'alert:received') alertsReceived.inc();
          inner.publish(event, payload, scope);
        },
      };
    },
    countPushes(inner) {
      return async (url, p0) => {
        const result = await inner(url, p0);
        notificationAttempts.inc({ outcome: result.isAccepted ? 'accepted' : 'refused' });
        return result;
      };
    },
    setDependencyUp(dependency, isUp) {
      dependencyUp.set({ dependency }, isUp ? 1 : 0);
    },
  };
}
