// Bench-only bulk loading: devices and tree nodes inserted in batches with Kysely, straight into a
// migrated database, before the BFF under test starts. Credentials are real (derived under the
// stored server key) when the devices must hold DM sessions.
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { deviceIdentity, deviceProfile, seededRandom } from '@dmc/sim';
import { deriveDeviceCredentials } from '../../bff/src/domain/auth/device-secrets';
import { openPostgresStore, openSqliteStore } from '../../bff/src/persistence';
import type { Database, DevicesTable, TreeNodesTable } from '../../bff/src/persistence/kysely/schema';
import type { DeviceCredentials, Store } from '../../bff/src/persistence/ports';
import { loadServerKey } from '../../bff/src/server-key';
import type { BffTarget } from './bff-process';

// 19 columns × 500 rows stays below SQLite's and PostgreSQL's bound-parameter limits.
const DEVICE_BATCH = 500;
const NODE_BATCH = 1000;

export interface SeedDevicesOptions {
  prefix: string;
  count: number;
  firstNumber?: number;
  /** Derive each device's real credentials (needed for DM sessions); else one shared dummy set. */
  credentials: boolean;
  /** Already reported DevInfo (varied, deterministic) and a last contact; else a never-seen device. */
  reported?: boolean;
  /** The device's P0 URL. */
  pushUrl?: (devId: string) => string;
  labels?: string[];
}

export interface Seeder {
  devices(options: SeedDevicesOptions): Promise<string[]>;
  /** One MO instance with `nodes` (paths below the instance root) on a registered device. */
  tree(
    devId: string,
    moid: string,
    miid: string,
    nodes: readonly { path: string; value: string | null }[],
  ): Promise<void>;
  close(): Promise<void>;
}

function openStore(target: BffTarget): Promise<Store> {
  return target.databaseUrl === undefined
    ? openSqliteStore({ file: path.join(target.dataDir, 'dmc.sqlite') })
    : openPostgresStore({ url: target.databaseUrl });
}

function openKysely(target: BffTarget): Kysely<Database> {
  if (target.databaseUrl !== undefined) {
    return new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: target.databaseUrl, max: 2 }) }),
    });
  }
  const database = new SqliteDatabase(path.join(target.dataDir, 'dmc.sqlite'));
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

/** Migrates `target` (through the real store opener), then opens a bulk-loading connection. */
export async function openSeeder(target: BffTarget): Promise<Seeder> {
  const store = await openStore(target);
  const serverKey = await loadServerKey(store);
  await store.close();
  const db = openKysely(target);
  let dummy: DeviceCredentials | undefined;

  const row = (devId: string, n: number, secret: string, options: SeedDevicesOptions): DevicesTable => {
    const credentials = options.credentials
      ? deriveDeviceCredentials(serverKey, devId, secret, undefined)
      : (dummy ??= deriveDeviceCredentials(serverKey, 'bench', 'bench-secret', undefined));
    const now = Date.now();
    const profile = options.reported === true ? deviceProfile(seededRandom(n)) : undefined;
    return {
      dev_id: devId,
      labels: JSON.stringify(options.labels ?? []),
      push_url: options.pushUrl?.(devId) ?? null,
      created_at: now - n,
      last_seen_at: profile === undefined ? null : now - ((n * 7919) % 86_400_000),
      manufacturer: profile?.manufacturer ?? null,
      model: profile?.model ?? null,
      fw_version: profile?.fwVersion ?? null,
      sw_version: profile?.swVersion ?? null,
      hw_version: profile?.hwVersion ?? null,
      dev_type: profile?.devType ?? null,
      lang: profile === undefined ? null : 'en',
      dm_version: profile === undefined ? null : '2.0',
      oem: profile?.manufacturer ?? null,
      dev_info_at: profile === undefined ? null : now,
      basic_verifier: credentials.basicVerifier,
      digest_ha1_md5: credentials.digestHa1Md5,
      digest_ha1_sha256: credentials.digestHa1Sha256,
      notify_secret_enc: credentials.notifySecretEnc,
    };
  };

  return {
    async devices(options) {
      const first = options.firstNumber ?? 1;
      const ids: string[] = [];
      for (let start = 0; start < options.count; start += DEVICE_BATCH) {
        const rows: DevicesTable[] = [];
        for (let i = start; i < Math.min(options.count, start + DEVICE_BATCH); i += 1) {
          const { devId, secret } = deviceIdentity(options.prefix, first + i);
          rows.push(row(devId, first + i, secret, options));
          ids.push(devId);
        }
        await db.transaction().execute(async (trx) => {
          await trx.insertInto('devices').values(rows).execute();
          const labels = rows.flatMap((r) =>
            (options.labels ?? []).map((label) => ({ dev_id: r.dev_id, label })),
          );
          if (labels.length > 0) await trx.insertInto('device_labels').values(labels).execute();
        });
      }
      return ids;
    },
    async tree(devId, moid, miid, nodes) {
      await db.insertInto('mo_instances').values({ dev_id: devId, moid, miid, ddf: null }).execute();
      const at = Date.now();
      for (let start = 0; start < nodes.length; start += NODE_BATCH) {
        const rows: TreeNodesTable[] = nodes.slice(start, start + NODE_BATCH).map((n) => ({
          dev_id: devId,
          moid,
          miid,
          path: n.path,
          value: n.value,
          format: n.value === null ? 'node' : 'chr',
          reported_at: at,
        }));
        await db.insertInto('tree_nodes').values(rows).execute();
      }
    },
    async close() {
      // A live PostgreSQL has planner statistics and merged GIN lists within a minute of a bulk load
      // (autovacuum); a benchmark that queries at once must not measure the moment before that.
      if (target.databaseUrl !== undefined) await sql`vacuum analyze`.execute(db);
      await db.destroy();
    },
  };
}
