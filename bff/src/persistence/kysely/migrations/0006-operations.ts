/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// Multi-step operations on a device (firmware update, software install) and where each stands.
import type { Kysely, Migration } from 'kysely';
import { EPOCH_MS_TYPE, textType } from '../dialect';
import type { Engine } from '../dialect';

const TIME = EPOCH_MS_TYPE;

export function operationsMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const text = textType(engine);
      await db.schema
        .createTable('operations')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('dev_id', text, (c) => c.notNull().references('devices.dev_id').onDelete('cascade'))
        .addColumn('kind', text, (c) => c.notNull())
        // No foreign key: a finished operation keeps naming its artifact after the artifact is removed;
        // removing one still in use is refused by its caller (isArtifactInUse).
        .addColumn('artifact_id', text)
        .addColumn('params', text, (c) => c.notNull())
        .addColumn('state', text, (c) => c.notNull())
        .addColumn('command_ids', text, (c) => c.notNull())
        .addColumn('consent_command_id', text)
        .addColumn('result', text)
        .addColumn('resume_at', TIME)
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', TIME, (c) => c.notNull())
        .addColumn('updated_at', TIME, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('operations_dev_id_created_at')
        .on('operations')
        .columns(['dev_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('operations_state_created_at_id')
        .on('operations')
        .columns(['state', 'created_at', 'id'])
        .execute();
      await db.schema
        .createIndex('operations_artifact_id_state')
        .on('operations')
        .columns(['artifact_id', 'state'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('operations').ifExists().execute();
    },
  };
}
