import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devicePageSchema, errorResponseSchema, queryErrorDetailsSchema } from '@dmc/shared/api';
import { makeDevice } from '../src/persistence/contract/fixtures';
import { startTestServer, type TestServer } from './support/test-server';

const SECRET = 'device-secret-0123456789';
const BULK = 1_050;

function devInfo(Mod: string | null, FwV: string | null, Man: string | null = 'Acme') {
  return { Man, Mod, FwV, SwV: null, HwV: null, DevType: null, Lang: null, DmV: '2.0', OEM: null };
}

/** Parses RFC 4180 CSV (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    const next = text.charAt(i + 1);
    if (quoted && ch === '"' && next === '"') {
      cell += '"';
      i += 1;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (quoted || (ch !== ',' && ch !== '\r')) {
      cell += ch;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else {
      // CR LF ends a row.
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    }
  }
  return rows;
}

describe('device list query language and CSV export', () => {
  let server: TestServer;
  let support: string;

  beforeAll(async () => {
    server = await startTestServer();
    const { store } = server;
    await server.registerDevice('q-1', SECRET, { labels: ['north'] });
    await server.registerDevice('q-2', SECRET, { labels: ['north', 'lab'] });
    await server.registerDevice('q-3', SECRET, { labels: ['south'] });
    const now = new Date();
    await store.devices.setDevInfo('q-1', devInfo('Sim-1', '1.5', 'Acme, "Inc"'), now);
    await store.devices.setDevInfo('q-2', devInfo('Sim-1', '2.1', '=cmd()'), now);
    await store.devices.setDevInfo('q-3', devInfo('Sim-2', '1.0'), now);
    await store.devices.touch('q-1', now);
    await store.devices.touch('q-3', new Date(now.getTime() - 3 * 3_600_000));
    for (let i = 0; i < BULK; i += 1) {
      const devId = `bulk-${String(i).padStart(5, '0')}`;
      await store.devices.create(
        makeDevice(devId, { labels: ['bulk'], createdAt: now, devInfo: devInfo('Bulk', '3.0') }),
      );
    }
    const res = await server.api('POST', '/api/v1/users', {
      username: 'sam',
      password: 'sam-password',
      role: 'support',
    });
    expect(res.status).toBe(201);
    support = await server.login('sam', 'sam-password');
  });
  afterAll(async () => {
    await server.close();
  });

  async function list(params: Record<string, string>) {
    const res = await server.api('GET', `/api/v1/devices?${new URLSearchParams(params).toString()}`);
    expect(res.status).toBe(200);
    return devicePageSchema.parse(await res.json());
  }

  it('filters by a query, alone and with the free-text search', async () => {
    const page = await list({ query: 'Mod = "Sim-1" AND FwV < "2.0" AND lastSeen > -1h' });
    expect(page.items.map((d) => d.devId)).toEqual(['q-1']);
    expect(page.total).toBe(1);
    expect((await list({ query: 'label = "north"', q: 'q-2' })).items.map((d) => d.devId)).toEqual(['q-2']);
    expect((await list({ query: 'NOT online AND label IN ("south", "lab")' })).total).toBe(2);
    expect((await list({ query: '  ' })).total).toBe(3 + BULK);
  });

  it('answers a query error with 400 and where it is', async () => {
    const res = await server.api(
      'GET',
      `/api/v1/devices?query=${encodeURIComponent('Mod = "Sim-1" AND Firmwar < 2')}`,
    );
    expect(res.status).toBe(400);
    const body = errorResponseSchema.parse(await res.json());
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(queryErrorDetailsSchema.parse(body.error.details)).toEqual({
      offset: 18,
      length: 7,
      message: expect.stringContaining('Unknown field "Firmwar"') as string,
    });
  });

  it('exports the rows of the query as CSV with escaping', async () => {
    const res = await server.api(
      'GET',
      `/api/v1/devices/export.csv?query=${encodeURIComponent('Mod ~ "sim"')}&sort=devId&order=desc`,
      undefined,
      support,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="devices-.*\.csv"$/);
    const rows = parseCsv(await res.text());
    expect(rows[0]?.slice(0, 4)).toEqual(['devId', 'manufacturer', 'model', 'firmware']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['q-3', 'q-2', 'q-1']);
    expect(rows[3]?.[1]).toBe('Acme, "Inc"');
    expect(rows[2]?.[1]).toBe("'=cmd()");
    expect(rows[2]?.at(-1)).toBe('north lab');
  });

  it('streams every matching row across pages', async () => {
    const res = await server.api(
      'GET',
      `/api/v1/devices/export.csv?query=${encodeURIComponent('label = "bulk"')}`,
    );
    const rows = parseCsv(await res.text());
    expect(rows).toHaveLength(BULK + 1);
    const ids = rows.slice(1).map((r) => r[0]);
    expect(new Set(ids).size).toBe(BULK);
    expect(ids.at(-1)).toBe(`bulk-${String(BULK - 1).padStart(5, '0')}`);
  });

  it('refuses a bad export query before any CSV is sent, and anonymous callers', async () => {
    const bad = await server.api(
      'GET',
      `/api/v1/devices/export.csv?query=${encodeURIComponent('online < true')}`,
    );
    expect(bad.status).toBe(400);
    expect(
      queryErrorDetailsSchema.parse(errorResponseSchema.parse(await bad.json()).error.details).offset,
    ).toBe(7);
    expect((await fetch(`${server.baseUrl}/api/v1/devices/export.csv`)).status).toBe(401);
  });
});
