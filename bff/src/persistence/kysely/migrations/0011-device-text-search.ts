/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// The console's free-text device search (`?q=`) is a case-insensitive substring over dev_id, model,
// manufacturer and fw_version. A plain index cannot answer `%text%`; a trigram index can.
// - PostgreSQL: pg_trgm GIN indexes that ILIKE uses directly. Creating the extension may need a
//   privilege the database user lacks; then the indexes are skipped and ILIKE scans as before.
// - SQLite: an FTS5 trigram table over the same columns, keyed by the devices rowid and kept in step
//   by triggers (external content: the text is read from devices, not stored twice).
import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../dialect';

const COLUMNS = ['dev_id', 'model', 'manufacturer', 'fw_version'] as const;

const FTS_TRIGGERS = ['devices_fts_insert', 'devices_fts_delete', 'devices_fts_update'] as const;

async function createPostgresIndexes(db: Kysely<unknown>): Promise<void> {
  // A failed statement aborts the migration's transaction; the savepoint keeps it usable.
  const guarded = db.isTransaction;
  if (guarded) await sql`savepoint device_text_search`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm`.execute(db);
    for (const column of COLUMNS) {
      await sql`create index ${sql.id(`devices_${column}_trgm`)} on devices using gin (${sql.id(column)} gin_trgm_ops)`.execute(
        db,
      );
    }
    if (guarded) await sql`release savepoint device_text_search`.execute(db);
  } catch {
    // No pg_trgm here: searches still work, by scanning.
    if (guarded) await sql`rollback to savepoint device_text_search`.execute(db);
  }
}

async function createSqliteFts(db: Kysely<unknown>): Promise<void> {
  const columns = sql.raw(COLUMNS.join(', '));
  const newValues = sql.raw(COLUMNS.map((c) => `new.${c}`).join(', '));
  const oldValues = sql.raw(COLUMNS.map((c) => `old.${c}`).join(', '));
  await sql`create virtual table devices_fts using fts5(${columns}, content = 'devices', tokenize = 'trigram case_sensitive 0')`.execute(
    db,
  );
  await sql`insert into devices_fts(devices_fts) values ('rebuild')`.execute(db);
  await sql`create trigger devices_fts_insert after insert on devices begin
    insert into devices_fts(rowid, ${columns}) values (new.rowid, ${newValues});
  end`.execute(db);
  await sql`create trigger devices_fts_delete after delete on devices begin
    insert into devices_fts(devices_fts, rowid, ${columns}) values ('delete', old.rowid, ${oldValues});
  end`.execute(db);
  // Only the searched columns: last_seen_at updates on every session leave the index alone.
  await sql`create trigger devices_fts_update after update of ${columns} on devices begin
    insert into devices_fts(devices_fts, rowid, ${columns}) values ('delete', old.rowid, ${oldValues});
    insert into devices_fts(rowid, ${columns}) values (new.rowid, ${newValues});
  end`.execute(db);
}

export function deviceTextSearchMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await (engine === 'postgres' ? createPostgresIndexes(db) : createSqliteFts(db));
    },
    async down(db: Kysely<unknown>): Promise<void> {
      if (engine === 'postgres') {
        for (const column of COLUMNS)
          await db.schema.dropIndex(`devices_${column}_trgm`).ifExists().execute();
        return;
      }
      for (const trigger of FTS_TRIGGERS) await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
      await sql`drop table if exists devices_fts`.execute(db);
    },
  };
}
