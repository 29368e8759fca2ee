/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// Fleet queries on reported tree values (`@FUMO/State != 10`) look nodes up by MO and path across
// all devices. The value is left out of the key: PostgreSQL refuses b-tree entries over ~2.7 kB, and
// node values (b64, xml) can be longer.
import type { Kysely, Migration } from 'kysely';

export function treeValueIndexMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex('tree_nodes_moid_path_dev_id')
        .on('tree_nodes')
        .columns(['moid', 'path', 'dev_id'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex('tree_nodes_moid_path_dev_id').ifExists().execute();
    },
  };
}
