// Round trips to PostgreSQL per DM session, counted (never timed) at the driver: a full session
// (P1 → P2 with the first inventory GET → P3 with the data → END) of a device seen for the first
// time. Every transaction's BEGIN shares the round trip of its first statement, and the total per
// session must not grow past what it is today. Skipped without PostgreSQL and Redis unless
// DMC_TEST_REQUIRE_PG=1.
import { SimDevice } from '@dmc/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../src/persistence';
import type { Store } from '../src/persistence/ports';
import {
  clusterServicesAvailable,
  createDatabase,
  databaseUrl,
  dropDatabase,
  startAppWith,
  type InProcessApp,
} from './support/cluster-support';

const SECRET = 'round-trip-secret-0123';
/**
 * Round trips of one such session today: 35 while BEGIN went alone, 33 once it rode with the first
 * statement, 21 since a package's reads were combined (ARCHITECTURE.md invariant 33). The
 * statements per package may only get fewer.
 */
const MOST_ROUND_TRIPS_PER_SESSION = 21;

const isPgAvailable = await clusterServicesAvailable();

describe.skipIf(!isPgAvailable)('round trips to PostgreSQL per DM session', () => {
  let database: string;
  let store: Store;
  let app: InProcessApp;
  let roundTrips: (readonly string[])[] = [];
  let devices = 0;

  /** One client-initiated session of a new device; the round trips it took. */
  const session = async () => {
    devices += 1;
    const devId = `rt-${devices}`;
    expect((await app.api('POST', '/api/v1/devices', { devId, secret: SECRET })).status).toBe(201);
    const device = new SimDevice({ devId, secret: SECRET, serverUrl: `${app.url}/dm` });
    roundTrips = [];
    const summary = await device.runSession('client');
    expect(summary.ok, summary.error).toBe(true);
    return roundTrips;
  };

  beforeAll(async () => {
    database = await createDatabase();
    // One connection: every statement meets the same server session, so what it parsed stays parsed.
    store = await openPostgresStore({
      url: databaseUrl(database),
      poolSize: 1,
      onRoundTrip: (statements) => roundTrips.push(statements),
    });
    app = await startAppWith(store);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await dropDatabase(database);
  });

  it('sends each BEGIN with a statement, and takes no more round trips than before', async () => {
    // The first sessions parse the named statements on the connection.
    await session();
    await session();
    for (let i = 0; i < 3; i += 1) {
      const trips = await session();
      const begins = trips.filter((statements) => statements[0] === 'begin');
      expect(begins.length).toBeGreaterThanOrEqual(2); // the P1's and the P3's transactions
      expect(begins.filter((statements) => statements.length === 1)).toEqual([]);
      expect(trips.length).toBeLessThanOrEqual(MOST_ROUND_TRIPS_PER_SESSION);
    }
  });
});
