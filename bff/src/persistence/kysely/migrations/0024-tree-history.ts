/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// Tree history (protocol §13): every change to a device's stored tree, with the value before and
// after, when, and the session and command (or upload) that caused it. The tree as of a past time is
// the current tree with the later changes undone, so it is exact for any time at or after the
// device's horizon: the newest change that retention removed (`tree_history_horizons`). Devices
// stored before this migration start their history now.
import { sql, type Kysely, type Migration } from 'kysely';
import { EPOCH_MS_TYPE, sequenceColumn, textType } from '../dialect';
import type { Engine } from '../dialect';

const TIME = EPOCH_MS_TYPE;

export function treeHistoryMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const text = textType(engine);
      const seq = sequenceColumn(engine);
      await db.schema
        .createTable('tree_history')
        .addColumn('id', seq.type, seq.build)
        .addColumn('dev_id', text, (c) => c.notNull().references('devices.dev_id').onDelete('cascade'))
        .addColumn('moid', text, (c) => c.notNull())
        .addColumn('miid', text, (c) => c.notNull())
        .addColumn('path', text, (c) => c.notNull())
        // 'add' (no node before), 'set' (value or format changed), 'delete' (no node after).
        .addColumn('op', text, (c) => c.notNull())
        .addColumn('value', text)
        .addColumn('format', text)
        .addColumn('old_value', text)
        .addColumn('old_format', text)
        .addColumn('at', TIME, (c) => c.notNull())
        // 'session' (a DM session's command or P1), 'upload' (a DR inbox), or null (another writer).
        .addColumn('source', text)
        .addColumn('session_id', text)
        .addColumn('command_id', text)
        .execute();
      // As of a time and diffs: a device's changes in time order.
      await db.schema
        .createIndex('tree_history_dev_at')
        .on('tree_history')
        .columns(['dev_id', 'at', 'id'])
        .execute();
      // A node's history, newest first.
      await db.schema
        .createIndex('tree_history_node')
        .on('tree_history')
        .columns(['dev_id', 'moid', 'miid', 'path', 'id'])
        .execute();
      // Retention by age across devices.
      await db.schema.createIndex('tree_history_at').on('tree_history').columns(['at', 'id']).execute();
      await db.schema
        .createTable('tree_history_horizons')
        .addColumn('dev_id', text, (c) => c.primaryKey().references('devices.dev_id').onDelete('cascade'))
        .addColumn('horizon_at', TIME, (c) => c.notNull())
        .execute();
      // The trees stored so far have no recorded past: their history starts now.
      await sql`insert into tree_history_horizons (dev_id, horizon_at)
        select dev_id, ${Date.now()} from devices`.execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('tree_history_horizons').execute();
      await db.schema.dropTable('tree_history').execute();
    },
  };
}
