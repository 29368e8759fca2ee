// Batched inserts of many devices, tree nodes, queued commands and profile states at once, for development tools that
// fill a database (the seeders, the benchmarks). A connection of its own to a migrated database;
// devices that exist already are skipped (ON CONFLICT DO NOTHING), and only new ones get labels
// and tree nodes. Not used by the server itself.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { DevInfoSummary } from '@dmc/shared/api';
import { versionSortKeyOrNull } from '@dmc/shared/firmware';
import { chunksOf } from './kysely/query-helpers';
import { treeValueNumber } from './kysely/tree-value-number';
import type { Database } from './kysely/schema';
import type { DeviceCredentials } from './ports';

/** One node below an MO instance root ('' is the root). */
export interface BulkNode {
  moid: string;
  miid: string;
  path: string;
  value: string | null;
  format: string;
}

export interface BulkDeviceRow {
  devId: string;
  labels: readonly string[];
  pushUrl: string | null;
  createdAt: number;
  lastSeenAt: number | null;
  /** DevInfo as last reported (absent fields are stored as unknown); null: never reported. */
  devInfo: Partial<DevInfoSummary> | null;
  devInfoAt: number | null;
  credentials: DeviceCredentials;
  nodes: readonly BulkNode[];
}

/** A command as the command service stores it when queued (protocol §8): every server-made URL filled in. */
export interface BulkCommandRow {
  id: string;
  devId: string;
  command: readonly string[];
  /** Epoch milliseconds. */
  createdAt: number;
  expiresAt: number;
  createdBy: string | null;
}

/** A configuration profile as the profile service stores it (protocol §14), enabled, revision 1. */
export interface BulkProfile {
  id: string;
  name: string;
  query: string;
  priority: number;
  nodes: readonly { uri: string; value: string }[];
  createdBy: string;
  /** Epoch milliseconds. */
  createdAt: number;
}

/** One device's state in a profile (its per-node progress left empty, as the membership sweep adds it). */
export interface BulkProfileState {
  devId: string;
  status: 'verified' | 'pending' | 'failed' | 'conflicted';
  reason: string | null;
}

export interface BulkWriter {
  /** Inserts the devices that do not exist yet, with labels and nodes; returns their DevIDs. */
  insertDevices(devices: readonly BulkDeviceRow[]): Promise<string[]>;
  /** One MO instance with its nodes on a registered device. */
  insertTree(devId: string, nodes: readonly BulkNode[], reportedAt: number): Promise<void>;
  /** Queued commands, in order (their `seq` follows the order given). */
  insertCommands(commands: readonly BulkCommandRow[]): Promise<void>;
  /** A profile and its devices' states (the devices exist), in one transaction. */
  insertProfile(profile: BulkProfile, states: readonly BulkProfileState[]): Promise<void>;
  /** Refreshes the planner's statistics after a bulk load (PostgreSQL: VACUUM ANALYZE). */
  analyze(): Promise<void>;
  close(): Promise<void>;
}

export type BulkTarget = { sqliteFile: string } | { databaseUrl: string };

function openKysely(target: BulkTarget): Kysely<Database> {
  if ('databaseUrl' in target) {
    return new Kysely<Database>({
      // Idle connections stay open: a benchmark reading the database's backends from /proc between
      // two moments must not see the loader's own backends come and go.
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: target.databaseUrl, max: 2, idleTimeoutMillis: 0 }),
      }),
    });
  }
  mkdirSync(dirname(target.sqliteFile), { recursive: true });
  const database = new SqliteDatabase(target.sqliteFile);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

function instancesOf(nodes: readonly BulkNode[]): { moid: string; miid: string }[] {
  const keys = new Set(nodes.map((n) => `${n.moid}\n${n.miid}`));
  return [...keys].map((key) => {
    const [moid = '', miid = ''] = key.split('\n');
    return { moid, miid };
  });
}

/** Opens a bulk-loading connection to a database the server's store opener has migrated. */
export function openBulkWriter(target: BulkTarget): BulkWriter {
  const db = openKysely(target);
  const isPostgres = 'databaseUrl' in target;
  return {
    async insertDevices(devices) {
      return db.transaction().execute(async (trx) => {
        const rows = devices.map((d) => ({
          dev_id: d.devId,
          labels: JSON.stringify(d.labels),
          push_url: d.pushUrl,
          created_at: d.createdAt,
          last_seen_at: d.lastSeenAt,
          manufacturer: d.devInfo?.Man ?? null,
          model: d.devInfo?.Mod ?? null,
          fw_version: d.devInfo?.FwV ?? null,
          sw_version: d.devInfo?.SwV ?? null,
          fw_version_key: versionSortKeyOrNull(d.devInfo?.FwV),
          sw_version_key: versionSortKeyOrNull(d.devInfo?.SwV),
          hw_version: d.devInfo?.HwV ?? null,
          dev_type: d.devInfo?.DevType ?? null,
          lang: d.devInfo?.Lang ?? null,
          dm_version: d.devInfo?.DmV ?? null,
          oem: d.devInfo?.OEM ?? null,
          dev_info_at: d.devInfoAt,
          basic_verifier: d.credentials.basicVerifier,
          digest_ha1_md5: d.credentials.digestHa1Md5,
          digest_ha1_sha256: d.credentials.digestHa1Sha256,
          notify_secret_enc: d.credentials.notifySecretEnc,
        }));
        const inserted = new Set<string>();
        for (const chunk of chunksOf(rows, 19)) {
          const done = await trx
            .insertInto('devices')
            .values(chunk)
            .onConflict((oc) => oc.column('dev_id').doNothing())
            .returning('dev_id')
            .execute();
          for (const row of done) inserted.add(row.dev_id);
        }
        const fresh = devices.filter((d) => inserted.has(d.devId));
        const labels = fresh.flatMap((d) => d.labels.map((label) => ({ dev_id: d.devId, label })));
        for (const chunk of chunksOf(labels, 2))
          await trx.insertInto('device_labels').values(chunk).execute();
        const instances = fresh.flatMap((d) =>
          instancesOf(d.nodes).map((i) => ({ dev_id: d.devId, ...i, ddf: null })),
        );
        for (const chunk of chunksOf(instances, 4))
          await trx.insertInto('mo_instances').values(chunk).execute();
        const nodes = fresh.flatMap((d) =>
          d.nodes.map((n) => ({
            dev_id: d.devId,
            ...n,
            value_num: treeValueNumber(n.value),
            reported_at: d.lastSeenAt ?? d.createdAt,
          })),
        );
        for (const chunk of chunksOf(nodes, 8)) await trx.insertInto('tree_nodes').values(chunk).execute();
        return fresh.map((d) => d.devId);
      });
    },
    async insertTree(devId, nodes, reportedAt) {
      await db.transaction().execute(async (trx) => {
        const instances = instancesOf(nodes).map((i) => ({ dev_id: devId, ...i, ddf: null }));
        for (const chunk of chunksOf(instances, 4))
          await trx.insertInto('mo_instances').values(chunk).execute();
        const rows = nodes.map((n) => ({
          dev_id: devId,
          ...n,
          value_num: treeValueNumber(n.value),
          reported_at: reportedAt,
        }));
        for (const chunk of chunksOf(rows, 8)) await trx.insertInto('tree_nodes').values(chunk).execute();
      });
    },
    async insertCommands(commands) {
      const rows = commands.map((c) => ({
        id: c.id,
        dev_id: c.devId,
        command: JSON.stringify(c.command),
        state: 'queued',
        sc: null,
        result: null,
        session_id: null,
        job_token: null,
        created_at: c.createdAt,
        updated_at: c.createdAt,
        sent_at: null,
        expires_at: c.expiresAt,
        deliveries: 0,
        reason: null,
        created_by: c.createdBy,
      }));
      await db.transaction().execute(async (trx) => {
        for (const chunk of chunksOf(rows, 15)) await trx.insertInto('commands').values(chunk).execute();
      });
    },
    async insertProfile(profile, states) {
      const at = profile.createdAt;
      const rows = states.map((s) => ({
        profile_id: profile.id,
        dev_id: s.devId,
        status: s.status,
        reason: s.reason,
        nodes: '[]',
        execs: '[]',
        revision: 1,
        since: at,
        updated_at: at,
      }));
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('profiles')
          .values({
            id: profile.id,
            name: profile.name,
            name_key: profile.name.toLowerCase(),
            query: profile.query,
            priority: profile.priority,
            nodes: JSON.stringify(profile.nodes),
            execs: '[]',
            enabled: 1,
            drift_retries: 3,
            revision: 1,
            created_by: profile.createdBy,
            created_at: at,
            updated_at: at,
          })
          .execute();
        // Every row has the same columns; their count bounds a chunk's bind variables.
        for (const chunk of chunksOf(rows, Object.keys(rows[0] ?? {}).length))
          await trx.insertInto('profile_devices').values(chunk).execute();
      });
    },
    async analyze() {
      // Without statistics SQLite may walk a sort index over the whole table for a selective filter
      // (100 ms instead of 0.1 ms at 100,000 devices); a live PostgreSQL gets them (and merged GIN
      // lists) from autovacuum within a minute, which a run that queries at once cannot wait for.
      await (isPostgres ? sql`vacuum analyze` : sql`analyze`).execute(db);
    },
    close: () => db.destroy(),
  };
}
