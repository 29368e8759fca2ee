/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// Campaigns (protocol §11): one action over many devices in waves. The campaign, its waves and each
// device's part are rows, moved on by the idempotent campaign step, so a crash or a second instance
// never starts a wave twice or loses a device.
import type { Kysely, Migration } from 'kysely';
import { EPOCH_MS_TYPE, textType } from '../dialect';
import type { Engine } from '../dialect';

const TIME = EPOCH_MS_TYPE;

export function campaignsMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const text = textType(engine);
      await db.schema
        .createTable('campaigns')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('state', text, (c) => c.notNull())
        .addColumn('query', text)
        // JSON string[] of the named devices, for a campaign over selected devices.
        .addColumn('dev_ids', text)
        .addColumn('dev_ids_count', 'integer')
        .addColumn('action', text, (c) => c.notNull())
        // The MO a device's part holds while it runs (FUMO, SCOMO, a command's MO); null never conflicts.
        .addColumn('conflict_key', text)
        .addColumn('wave_spec', text, (c) => c.notNull())
        .addColumn('error_threshold_pct', 'real', (c) => c.notNull())
        .addColumn('health_gate', text)
        .addColumn('dynamic', 'integer', (c) => c.notNull())
        .addColumn('approval_required', 'integer', (c) => c.notNull())
        .addColumn('bulk', 'integer', (c) => c.notNull())
        .addColumn('paused_reason', text)
        .addColumn('created_by', text, (c) => c.notNull())
        .addColumn('approved_by', text)
        .addColumn('created_at', TIME, (c) => c.notNull())
        .addColumn('started_at', TIME)
        .addColumn('finished_at', TIME)
        .addColumn('version', 'integer', (c) => c.notNull())
        // Membership: the last dev_id inserted (keyset cursor), and whether every member is in.
        .addColumn('membership_cursor', text)
        .addColumn('membership_done', 'integer', (c) => c.notNull())
        // Waves planned (sizes fixed and every runnable member given its wave).
        .addColumn('waves_planned', 'integer', (c) => c.notNull())
        // Failures a resume accepted: the threshold looks at failures after them.
        .addColumn('accepted_failures', 'integer', (c) => c.notNull())
        // A cancelled campaign whose devices' commands and rows are all cancelled.
        .addColumn('settled', 'integer', (c) => c.notNull())
        // When a dynamic campaign last looked for new matches.
        .addColumn('dynamic_checked_at', TIME)
        .execute();
      await db.schema
        .createIndex('campaigns_state_created_at_id')
        .on('campaigns')
        .columns(['state', 'created_at', 'id'])
        .execute();
      await db.schema
        .createIndex('campaigns_created_at_id')
        .on('campaigns')
        .columns(['created_at', 'id'])
        .execute();

      await db.schema
        .createTable('campaign_waves')
        .addColumn('campaign_id', text, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
        .addColumn('n', 'integer', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('state', text, (c) => c.notNull())
        .addColumn('started_at', TIME)
        .addColumn('gate_until', TIME)
        .addColumn('finished_at', TIME)
        .addColumn('gate_reason', text)
        .addPrimaryKeyConstraint('campaign_waves_pk', ['campaign_id', 'n'])
        .execute();

      await db.schema
        .createTable('campaign_devices')
        .addColumn('campaign_id', text, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
        // No foreign key: a removed device's part stays in the campaign's history.
        .addColumn('dev_id', text, (c) => c.notNull())
        .addColumn('wave', 'integer')
        .addColumn('state', text, (c) => c.notNull())
        .addColumn('command_id', text)
        .addColumn('operation_id', text)
        .addColumn('sc', 'integer')
        .addColumn('reason', text)
        .addColumn('detail', text)
        .addColumn('started_at', TIME)
        .addColumn('finished_at', TIME)
        .addColumn('updated_at', TIME, (c) => c.notNull())
        .addPrimaryKeyConstraint('campaign_devices_pk', ['campaign_id', 'dev_id'])
        .execute();
      await db.schema
        .createIndex('campaign_devices_campaign_state')
        .on('campaign_devices')
        .columns(['campaign_id', 'state', 'dev_id'])
        .execute();
      await db.schema
        .createIndex('campaign_devices_campaign_wave_state')
        .on('campaign_devices')
        .columns(['campaign_id', 'wave', 'state', 'dev_id'])
        .execute();
      await db.schema
        .createIndex('campaign_devices_dev_id')
        .on('campaign_devices')
        .columns(['dev_id', 'state'])
        .execute();
      await db.schema
        .createIndex('campaign_devices_command_id')
        .on('campaign_devices')
        .column('command_id')
        .execute();
      await db.schema
        .createIndex('campaign_devices_operation_id')
        .on('campaign_devices')
        .column('operation_id')
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('campaign_devices').ifExists().execute();
      await db.schema.dropTable('campaign_waves').ifExists().execute();
      await db.schema.dropTable('campaigns').ifExists().execute();
    },
  };
}
