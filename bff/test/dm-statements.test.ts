// What one DM package costs the database (ARCHITECTURE.md, invariant 33): the statements a P1 and a
// P3 run for a known, inventoried device with one queued GET, counted on SQLite and on a real
// PostgreSQL (skipped when none answers, unless DMC_TEST_REQUIRE_PG=1). Transaction control is
// counted apart: on SQLite many transactions share one COMMIT (group commit).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore, openSqliteStore } from '../src/persistence';
import type { Store } from '../src/persistence/ports';
import {
  IS_REQUIRED,
  createDatabase,
  databaseUrl,
  dropDatabase,
  startAppWith,
  type InProcessApp,
} from './support/cluster-support';
import { LockstepDevice } from './support/dm-client';

const FWV = 'urn:oma:mo:oma-dm-devinfo:1.0/d1/FwV';
const CONTROL = /^\s*(begin|commit|rollback|savepoint|release|start transaction)\b/i;

/** The most statements each package may run; the test fails when a change adds one. */
const BUDGET = {
  sqlite: { p1: 6, p3: 11 },
  postgres: { p1: 7, p3: 12 },
} as const;

/**
 * With enabled profiles (two, their nodes in one MO, the device verified in both), exactly this many
 * (invariant 36): P1 adds the point check of membership, the device's states and the stored nodes of
 * that MO; P3 adds nothing, as no profile command was in flight.
 */
const WITH_PROFILES = {
  sqlite: { p1: 9, p3: 11 },
  postgres: { p1: 10, p3: 12 },
} as const;
const PKG_URL = 'urn:oma:mo:oma-fumo:1.0/fw/DownloadAndUpdate/PkgURL';
const PKG_NAME = 'urn:oma:mo:oma-fumo:1.0/fw/PkgName';

interface Counted {
  statements: string[];
  control: number;
}

async function postgresAvailable(): Promise<string | undefined> {
  try {
    return await createDatabase();
  } catch (err) {
    if (IS_REQUIRED) throw err;
    return undefined;
  }
}

function describeEngine(
  engine: 'sqlite' | 'postgres',
  open: (onQuery: (sql: string) => void) => Promise<Store>,
) {
  describe(`${engine}: statements per DM package`, () => {
    let log: string[] = [];
    let store: Store | undefined;
    let app: InProcessApp | undefined;

    afterAll(async () => {
      await app?.close();
      await store?.close();
    });

    async function ready(): Promise<InProcessApp> {
      if (app) return app;
      store = await open((sql) => log.push(sql));
      // The enabled profiles are read again only when changed here: no read of them while counting.
      app = await startAppWith(store, { settings: { profileCacheMaxAgeMs: 3_600_000 } });
      return app;
    }

    async function counting<T>(work: () => Promise<T>): Promise<{ result: T; counted: Counted }> {
      log = [];
      const result = await work();
      const all = log;
      log = [];
      return {
        result,
        counted: {
          statements: all.filter((sql) => !CONTROL.test(sql)),
          control: all.filter((sql) => CONTROL.test(sql)).length,
        },
      };
    }

    async function knownDevice(server: InProcessApp, devId: string): Promise<LockstepDevice> {
      await server.app.services.devices.register({ devId, secret: 'device-secret-1' });
      const device = new LockstepDevice(server.url, devId, 'device-secret-1');
      // First contact: the server reads DevInfo once; later sessions find it fresh.
      const p2 = await device.p1();
      expect((p2.body as { CMD: string[][] }).CMD[1]?.[0]).toBe('GET');
      const end = await device.p3({ Status: [{ sc: 200 }, { sc: 200, Data: device.devInfoData() }] });
      expect(end.body).toEqual({ CMD: [['END']] });
      return device;
    }

    it('a steady-state session (P1 → CONT + GET → P3 → END) stays within its statements', async () => {
      const server = await ready();
      const device = await knownDevice(server, `steady-${engine}`);
      // The device views consoles get are built from rows the package already holds: still right.
      const views: { lastSeenAt: string | null; devInfo: { FwV: string | null } }[] = [];
      const socket = await server.socket();
      socket.on('device:updated', (e) => {
        if (e.device.devId === device.devId) views.push(e.device);
      });
      for (const round of [1, 2]) {
        views.length = 0;
        const queued = await server.app.services.commands.queue(device.devId, { command: ['GET', FWV] });
        const p1 = await counting(() => device.p1());
        expect(p1.result.status).toBe(200);
        expect((p1.result.body as { CMD: string[][] }).CMD[1]).toEqual(['GET', FWV]);
        const p3 = await counting(() =>
          device.p3({
            Status: [{ sc: 200 }, { sc: 200, Data: [{ ClientURI: FWV, MOData: { FwV: `1.4.${round}` } }] }],
          }),
        );
        expect(p3.result.body).toEqual({ CMD: [['END']] });
        const command = await server.app.services.commands.get(queued.id);
        expect(command).toMatchObject({ state: 'ok', sc: 200 });
        await expect.poll(() => views.length).toBe(2);
        const stored = await server.app.services.devices.get(device.devId);
        expect(views[0]?.lastSeenAt).not.toBeNull();
        expect(views[1]).toEqual(stored);
        expect(stored.devInfo.FwV).toBe(`1.4.${round}`);
        const report = (name: string, c: Counted) =>
          `${engine} ${name}: ${c.statements.length} statements (+${c.control} transaction control)\n  ${c.statements.join('\n  ')}`;
        expect(p1.counted.statements.length, report('P1', p1.counted)).toBeLessThanOrEqual(BUDGET[engine].p1);
        expect(p3.counted.statements.length, report('P3', p3.counted)).toBeLessThanOrEqual(BUDGET[engine].p3);
        if (process.env.DMC_TEST_PRINT_STATEMENTS === '1') {
          console.log(report('P1', p1.counted));
          console.log(report('P3', p3.counted));
        }
      }
    });

    it("with enabled profiles, a verified device's steady-state session runs an exact number more", async () => {
      const server = await ready();
      const device = await knownDevice(server, `profiled-${engine}`);
      const now = new Date();
      for (const [i, node] of [
        { uri: PKG_URL, value: 'http://a.example/fw' },
        { uri: PKG_NAME, value: 'fw-2' },
      ].entries()) {
        expect(
          await store?.profiles.create({
            id: `statements-${engine}-${i}`,
            name: `statements ${engine} ${i}`,
            query: `devId = "${device.devId}"`,
            priority: i,
            nodes: [node],
            execs: [],
            enabled: true,
            driftRetries: 3,
            revision: 1,
            createdBy: 'admin',
            createdAt: now,
            updatedAt: now,
          }),
        ).toBe(true);
      }
      server.app.services.profileCache.invalidate();
      // This device reports a FUMO instance too, where the profile nodes are.
      const withFumo = {
        ...device.defaultP1(),
        MOS: [...device.defaultP1().MOS, { MOID: 'urn:oma:mo:oma-fumo:1.0', MIID: ['fw'] }],
      };
      // The consoles' counts follow the verification; they are read outside the DM packages, so
      // they must have gone out before the packages below are counted.
      const socket = await server.socket();
      const verifiedCounts = new Map<string, number>();
      socket.on('profile:counts', (e) => verifiedCounts.set(e.id, e.counts.verified));
      // The writes and read-backs: the device echoes what an HGET wrote, then reports it to the GET.
      const p2 = (await device.p1(withFumo)).body as { CMD: string[][] };
      const sent = p2.CMD.slice(1);
      expect(sent.map((c) => c[0])).toEqual(['HGET', 'GET', 'HGET', 'GET']);
      const values: Record<string, string> = { PkgURL: 'http://a.example/fw', PkgName: 'fw-2' };
      await device.p3({
        Status: [
          { sc: 200 },
          ...sent.map((c) => {
            const name = (c[c.length - 1] ?? '').split('/').at(-1) ?? '';
            return c[0] === 'GET'
              ? { sc: 200, Data: [{ ClientURI: c[1], MOData: { [name]: values[name] } }] }
              : { sc: 200 };
          }),
        ],
      });
      const states = await store?.profiles.deviceStates(device.devId);
      expect(states?.map((s) => s.status)).toEqual(['verified', 'verified']);
      await expect.poll(() => [...verifiedCounts.values()]).toEqual([1, 1]);
      for (const round of [1, 2]) {
        await server.app.services.commands.queue(device.devId, { command: ['GET', FWV] });
        const p1 = await counting(() => device.p1(withFumo));
        expect((p1.result.body as { CMD: string[][] }).CMD[1]).toEqual(['GET', FWV]);
        const p3 = await counting(() =>
          device.p3({
            Status: [{ sc: 200 }, { sc: 200, Data: [{ ClientURI: FWV, MOData: { FwV: `2.0.${round}` } }] }],
          }),
        );
        expect(p3.result.body).toEqual({ CMD: [['END']] });
        const report = (name: string, c: Counted) =>
          `${engine} ${name} with profiles: ${c.statements.length} statements\n  ${c.statements.join('\n  ')}`;
        expect(p1.counted.statements.length, report('P1', p1.counted)).toBe(WITH_PROFILES[engine].p1);
        expect(p3.counted.statements.length, report('P3', p3.counted)).toBe(WITH_PROFILES[engine].p3);
      }
      expect(await store?.profiles.deviceStates(device.devId)).toEqual(states);
    });
  });
}

const sqliteDir = mkdtempSync(path.join(tmpdir(), 'dmc-statements-'));
afterAll(() => rmSync(sqliteDir, { recursive: true, force: true }));
describeEngine('sqlite', (onQuery) => openSqliteStore({ file: path.join(sqliteDir, 'dmc.sqlite'), onQuery }));

const database = await postgresAvailable();
describe.skipIf(database === undefined)('on PostgreSQL', () => {
  afterAll(async () => {
    if (database !== undefined) await dropDatabase(database);
  });
  describeEngine('postgres', (onQuery) =>
    openPostgresStore({ url: databaseUrl(database ?? ''), poolSize: 4, onQuery }),
  );
});
