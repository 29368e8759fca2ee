// /readyz, /api/v1/status and /metrics of one instance (issue #6, operations): what a load balancer,
// the console and Prometheus read.
import { afterEach, describe, expect, it } from 'vitest';
import { serviceStatusSchema } from '@dmc/shared/api';
import { openSqliteStore } from '../src/persistence';
import type { Store } from '../src/persistence/ports';
import { startAppWith, type InProcessApp } from './support/cluster-support';

describe('operations endpoints', () => {
  let store: Store;
  let app: InProcessApp;

  const start = async (metricsToken?: string) => {
    store = await openSqliteStore({ file: ':memory:' });
    app = await startAppWith(store, {
      instanceId: 'ops-1',
      ...(metricsToken === undefined ? {} : { metricsToken }),
    });
  };
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  it('reports ready, then stopping once a graceful shutdown began', async () => {
    await start();
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(serviceStatusSchema.parse(await ready.json())).toMatchObject({
      status: 'ok',
      dependencies: { database: 'up', redis: 'unused' },
    });
    // The console's view needs no sign-in.
    const status = await fetch(`${app.url}/api/v1/status`);
    expect(status.status).toBe(200);
    expect(status.headers.get('cache-control')).toBe('no-store');

    app.app.readiness.markStopping();
    const stopping = await fetch(`${app.url}/readyz`);
    expect(stopping.status).toBe(503);
    expect(((await stopping.json()) as { status: string }).status).toBe('stopping');
  });

  it('serves Prometheus metrics to direct loopback requests only, counting what happened', async () => {
    await start();
    const devId = 'metrics-1';
    expect((await app.api('POST', '/api/v1/devices', { devId, secret: 'metrics-secret-0123' })).status).toBe(
      201,
    );
    const queued = await app.api('POST', `/api/v1/devices/${devId}/commands`, {
      command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0//Mod'],
    });
    expect(queued.status).toBe(201);

    const res = await fetch(`${app.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('dmc_command_transitions_total{state="queued"} 1');
    expect(text).toContain('dmc_commands{state="queued"} 1');
    expect(text).toContain('dmc_sessions_open 0');
    expect(text).toContain('dmc_dependency_up{dependency="database"} 1');
    expect(text).toMatch(
      /dmc_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/devices\/:devId\/commands",status="201"\} 1/,
    );
    // Relayed by a proxy (X-Forwarded-For): not a local scrape.
    expect(
      (await fetch(`${app.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status,
    ).toBe(403);
  });

  it('names no host, pid or instance in any unauthenticated answer', async () => {
    await start();
    const secrets = ['ops-1', String(process.pid)];
    const paths = [
      '/healthz',
      '/readyz',
      '/api/v1/status',
      '/api/v1/devices',
      '/api/v1/no-such-route',
      '/nope',
    ];
    for (const path of paths) {
      const res = await fetch(`${app.url}${path}`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
      const text = await res.text();
      const headers = JSON.stringify([...res.headers]);
      for (const secret of secrets) {
        expect(text, path).not.toContain(secret);
        expect(headers, path).not.toContain(secret);
      }
      expect(res.headers.get('x-powered-by'), path).toBeNull();
    }
    // /metrics, which may name the instance, is refused to a relayed anonymous request.
    const relayed = await fetch(`${app.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(relayed.status).toBe(403);
    expect(await relayed.text()).not.toContain('ops-1');
  });

  it('reports the worst event-loop delay since the previous scrape', async () => {
    await start();
    await fetch(`${app.url}/metrics`);
    // Hold the event loop (the app runs in this process) for 250 ms: no timer can fire meanwhile, so
    // the delay seen is at least about that long, however fast the machine.
    const until = performance.now() + 250;
    while (performance.now() < until);
    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(text).toContain('# TYPE dmc_event_loop_lag_seconds gauge');
    const max = Number(/^dmc_event_loop_lag_seconds\{stat="max"\} (\S+)$/m.exec(text)?.[1]);
    const p99 = Number(/^dmc_event_loop_lag_seconds\{stat="p99"\} (\S+)$/m.exec(text)?.[1]);
    expect(max).toBeGreaterThanOrEqual(0.2);
    expect(p99).toBeGreaterThan(0);
    expect(p99).toBeLessThanOrEqual(max);
  });

  it('asks for the metrics token when one is configured', async () => {
    await start('a-metrics-token-0123456789');
    expect((await fetch(`${app.url}/metrics`)).status).toBe(403);
    const wrong = { authorization: 'Bearer a-metrics-token-0123456780' };
    expect((await fetch(`${app.url}/metrics`, { headers: wrong })).status).toBe(403);
    const right = { authorization: 'Bearer a-metrics-token-0123456789', 'x-forwarded-for': '203.0.113.9' };
    expect((await fetch(`${app.url}/metrics`, { headers: right })).status).toBe(200);
  });
});
