/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// The fleet-wide command list (GET /api/v1/commands, protocol §8): newest first (seq descending) with
// filters by state, device, who queued it, command name and when it was queued. Each filter has an
// index that ends in seq, so a page is a backward walk of one index; the device's own (dev_id, seq)
// index of 0001 serves the device filter. The command's name is a generated column read from the
// stored wire command, so every writer of commands (the queue, bulk work, seeding) fills it without
// knowing it exists: STORED on PostgreSQL, VIRTUAL on SQLite (which can add only virtual ones, and
// indexes them like any column).
import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../dialect';

export const FLEET_COMMAND_INDEXES: readonly (readonly [string, readonly string[]])[] = [
  ['commands_state_seq', ['state', 'seq']],
  ['commands_created_by_seq', ['created_by', 'seq']],
  ['commands_command_name_seq', ['command_name', 'seq']],
  ['commands_created_at_seq', ['created_at', 'seq']],
];

export function fleetCommandListMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // DDL takes no bound parameters: the whole column definition is SQL text.
      const column =
        engine === 'postgres'
          ? sql.raw(`text collate "C" generated always as ((command::jsonb ->> 0)) stored`)
          : sql.raw(`text generated always as (json_extract(command, '$[0]')) virtual`);
      await sql`alter table commands add column command_name ${column}`.execute(db);
      for (const [index, columns] of FLEET_COMMAND_INDEXES) {
        await db.schema
          .createIndex(index)
          .on('commands')
          .columns([...columns])
          .execute();
      }
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const [index] of FLEET_COMMAND_INDEXES) await db.schema.dropIndex(index).ifExists().execute();
      await db.schema.alterTable('commands').dropColumn('command_name').execute();
    },
  };
}
