/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// The delivery cap (protocol §12): how many P2s carried each command, and why the server ended one
// that never got a status. Existing commands start at 0 deliveries: a command sent before this
// migration gets its full number of deliveries from now on.
import type { Kysely, Migration } from 'kysely';
import { textType } from '../dialect';
import type { Engine } from '../dialect';

export function commandDeliveriesMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('commands')
        .addColumn('deliveries', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('commands').addColumn('reason', textType(engine)).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('commands').dropColumn('reason').execute();
      await db.schema.alterTable('commands').dropColumn('deliveries').execute();
    },
  };
}
