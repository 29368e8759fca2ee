// Migration 0020 on a database that already holds devices and operations, on both engines: the
// version sort keys are backfilled, every operation gets its MO instance (older duplicates of an
// instance that is busy keep running without one), and a version comparison uses the new index.
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { versionSortKey } from '@dmc/shared/firmware';
import {
  clusterServicesAvailable,
  createDatabase,
  databaseUrl,
  dropDatabase,
} from './support/cluster-support';
import { migrateTo } from './support/migrate-to';

const isPgAvailable = await clusterServicesAvailable();

let db: Kysely<unknown> | undefined;
let database = '';
afterEach(async () => {
  await db?.destroy();
  db = undefined;
  if (database !== '') await dropDatabase(database);
  database = '';
});

async function seedBefore0020(kysely: Kysely<unknown>): Promise<void> {
  const devices: [string, string | null, string | null][] = [
    ['d1', '1.9', '3.0-beta'],
    ['d2', '1.10', '3.0'],
    ['d3', null, null],
    ['d4', '1.10', null],
  ];
  for (const [devId, fw, sw] of devices) {
    await sql`insert into devices (dev_id, labels, created_at, fw_version, sw_version, basic_verifier,
      digest_ha1_md5, digest_ha1_sha256) values (${devId}, '[]', 0, ${fw}, ${sw}, 'x', 'x', 'x')`.execute(
      kysely,
    );
  }
  const operations: [string, string, number, string][] = [
    ['old-active', 'running', 1, 'fw'],
    ['new-active', 'waiting-consent', 2, 'fw'],
    ['done', 'ok', 3, 'fw'],
    ['other', 'running', 4, 'fw2'],
  ];
  for (const [id, state, createdAt, miid] of operations) {
    await sql`insert into operations (id, dev_id, kind, artifact_id, params, state, command_ids, version,
      created_at, updated_at) values (${id}, 'd1', 'firmware-update', null,
      ${JSON.stringify({ miid, packageUrl: 'u' })}, ${state}, '[]', 1, ${createdAt}, ${createdAt})`.execute(
      kysely,
    );
  }
}

async function checkAfter0020(kysely: Kysely<unknown>): Promise<void> {
  const { rows: keys } = await sql<{
    dev_id: string;
    fw_version_key: string | null;
    sw_version_key: string | null;
  }>`select dev_id, fw_version_key, sw_version_key from devices order by dev_id`.execute(kysely);
  expect(keys).toEqual([
    { dev_id: 'd1', fw_version_key: versionSortKey('1.9'), sw_version_key: versionSortKey('3.0-beta') },
    { dev_id: 'd2', fw_version_key: versionSortKey('1.10'), sw_version_key: versionSortKey('3.0') },
    { dev_id: 'd3', fw_version_key: null, sw_version_key: null },
    { dev_id: 'd4', fw_version_key: versionSortKey('1.10'), sw_version_key: null },
  ]);
  const { rows: newer } = await sql<{ dev_id: string }>`select dev_id from devices
    where fw_version_key > ${versionSortKey('1.9')} order by dev_id`.execute(kysely);
  expect(newer.map((r) => r.dev_id)).toEqual(['d2', 'd4']);
  const { rows: ops } = await sql<{ id: string; mo_instance: string | null }>`
    select id, mo_instance from operations order by id`.execute(kysely);
  expect(ops).toEqual([
    { id: 'done', mo_instance: 'fw' },
    { id: 'new-active', mo_instance: 'fw' },
    { id: 'old-active', mo_instance: null },
    { id: 'other', mo_instance: 'fw2' },
  ]);
  // The index now holds the instance: another active operation on d1/fw is refused.
  await expect(
    sql`insert into operations (id, dev_id, kind, params, state, command_ids, version, created_at,
      updated_at, mo_instance) values ('x', 'd1', 'firmware-update', '{}', 'running', '[]', 1, 9, 9, 'fw')`.execute(
      kysely,
    ),
  ).rejects.toThrow();
}

describe('migration 0020: safe firmware', () => {
  it('backfills version keys and MO instances on SQLite, and a version range uses the index', async () => {
    db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new SqliteDatabase(':memory:') }) });
    await migrateTo(db, 'sqlite', '0018-user-admin');
    await seedBefore0020(db);
    await migrateTo(db, 'sqlite');
    await checkAfter0020(db);
    const { rows: plan } = await sql<{ detail: string }>`explain query plan
      select dev_id from devices where fw_version_key < ${versionSortKey('2.0')}`.execute(db);
    expect(plan.map((r) => r.detail).join('\n')).toMatch(/USING (COVERING )?INDEX devices_fw_version_key/);
  });

  it.skipIf(!isPgAvailable)('backfills version keys and MO instances on PostgreSQL', async () => {
    database = await createDatabase();
    db = new Kysely<unknown>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: databaseUrl(database), max: 2 }),
      }),
    });
    await migrateTo(db, 'postgres', '0018-user-admin');
    await seedBefore0020(db);
    await migrateTo(db, 'postgres');
    await checkAfter0020(db);
    // With sequential scans ruled out, the planner reaches the rows through the key's index.
    await sql`set enable_seqscan = off`.execute(db);
    const { rows: plan } = await sql<{ 'QUERY PLAN': string }>`explain
      select dev_id from devices where fw_version_key < ${versionSortKey('2.0')}`.execute(db);
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/devices_fw_version_key/);
  });
});
