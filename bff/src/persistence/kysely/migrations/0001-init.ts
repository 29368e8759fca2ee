/* eslint-disable check-file/filename-naming-convention -- migrations are named by their number so they sort in order */
// Initial schema. Portable schema builder only; engine differences come from dialect.ts.
import type { Kysely, Migration } from 'kysely';
import { EPOCH_MS_TYPE, sequenceColumn, textType } from '../dialect';
import type { DataTypeExpression, Engine } from '../dialect';

const TIME = EPOCH_MS_TYPE;

async function createAccounts(db: Kysely<unknown>, text: DataTypeExpression): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('username', text, (c) => c.primaryKey())
    .addColumn('password_hash', text, (c) => c.notNull())
    .addColumn('role', text, (c) => c.notNull())
    .addColumn('created_at', TIME, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('api_tokens')
    .addColumn('token_hash', text, (c) => c.primaryKey())
    .addColumn('username', text, (c) => c.notNull())
    .addColumn('created_at', TIME, (c) => c.notNull())
    .addColumn('expires_at', TIME, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('api_tokens_expires_at').on('api_tokens').column('expires_at').execute();
  await db.schema
    .createTable('settings')
    .addColumn('key', text, (c) => c.primaryKey())
    .addColumn('value', text, (c) => c.notNull())
    .execute();
}

async function createDevices(db: Kysely<unknown>, text: DataTypeExpression): Promise<void> {
  let devices = db.schema
    .createTable('devices')
    .addColumn('dev_id', text, (c) => c.primaryKey())
    .addColumn('labels', text, (c) => c.notNull())
    .addColumn('push_url', text)
    .addColumn('created_at', TIME, (c) => c.notNull())
    .addColumn('last_seen_at', TIME);
  for (const column of [
    'manufacturer',
    'model',
    'fw_version',
    'sw_version',
    'hw_version',
    'dev_type',
    'lang',
  ]) {
    devices = devices.addColumn(column, text);
  }
  await devices
    .addColumn('dm_version', text)
    .addColumn('oem', text)
    .addColumn('dev_info_at', TIME)
    .addColumn('basic_verifier', text, (c) => c.notNull())
    .addColumn('digest_ha1_md5', text, (c) => c.notNull())
    .addColumn('digest_ha1_sha256', text, (c) => c.notNull())
    .addColumn('notify_secret_enc', text)
    .execute();
  // Keyset paging on every sort key: (key, dev_id).
  for (const column of ['last_seen_at', 'model', 'fw_version', 'created_at']) {
    await db.schema
      .createIndex(`devices_${column}_dev_id`)
      .on('devices')
      .columns([column, 'dev_id'])
      .execute();
  }
  await db.schema
    .createTable('device_labels')
    .addColumn('dev_id', text, (c) => c.notNull().references('devices.dev_id').onDelete('cascade'))
    .addColumn('label', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('device_labels_pk', ['dev_id', 'label'])
    .execute();
  await db.schema
    .createIndex('device_labels_label_dev_id')
    .on('device_labels')
    .columns(['label', 'dev_id'])
    .execute();
}

async function createTree(db: Kysely<unknown>, text: DataTypeExpression): Promise<void> {
  await db.schema
    .createTable('mo_instances')
    .addColumn('dev_id', text, (c) => c.notNull().references('devices.dev_id').onDelete('cascade'))
    .addColumn('moid', text, (c) => c.notNull())
    .addColumn('miid', text, (c) => c.notNull())
    .addColumn('ddf', text)
    .addPrimaryKeyConstraint('mo_instances_pk', ['dev_id', 'moid', 'miid'])
    .execute();
  await db.schema
    .createTable('tree_nodes')
    .addColumn('dev_id', text, (c) => c.notNull().references('devices.dev_id').onDelete('cascade'))
    .addColumn('moid', text, (c) => c.notNull())
    .addColumn('miid', text, (c) => c.notNull())
    .addColumn('path', text, (c) => c.notNull())
    .addColumn('value', text)
    .addColumn('format', text, (c) => c.notNull())
    .addColumn('reported_at', TIME, (c) => c.notNull())
    .addPrimaryKeyConstraint('tree_nodes_pk', ['dev_id', 'moid', 'miid', 'path'])
    .execute();
}

async function createSessions(db: Kysely<unknown>, text: DataTypeExpression): Promise<void> {
  await db.schema
    .createTable('sessions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('token', text, (c) => c.notNull().unique())
    .addColumn('dev_id', text, (c) => c.notNull().references('devices.dev_id').onDelete('cascade'))
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('state', text, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('started_at', TIME, (c) => c.notNull())
    .addColumn('updated_at', TIME, (c) => c.notNull())
    .addColumn('expires_at', TIME, (c) => c.notNull())
    .addColumn('ended_at', TIME)
    .execute();
  await db.schema
    .createIndex('sessions_dev_id_status')
    .on('sessions')
    .columns(['dev_id', 'status'])
    .execute();
  await db.schema
    .createIndex('sessions_dev_id_started_at')
    .on('sessions')
    .columns(['dev_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('sessions_status_expires_at')
    .on('sessions')
    .columns(['status', 'expires_at'])
    .execute();
}

async function createCommands(db: Kysely<unknown>, text: DataTypeExpression, engine: Engine): Promise<void> {
  const seq = sequenceColumn(engine);
  await db.schema
    .createTable('commands')
    .addColumn('seq', seq.type, seq.build)
    .addColumn('id', text, (c) => c.notNull().unique())
    .addColumn('dev_id', text, (c) => c.notNull().references('devices.dev_id').onDelete('cascade'))
    .addColumn('command', text, (c) => c.notNull())
    .addColumn('state', text, (c) => c.notNull())
    .addColumn('sc', 'integer')
    .addColumn('result', text)
    .addColumn('session_id', text)
    .addColumn('job_token', text)
    .addColumn('created_at', TIME, (c) => c.notNull())
    .addColumn('updated_at', TIME, (c) => c.notNull())
    .addColumn('sent_at', TIME)
    .addColumn('expires_at', TIME)
    .execute();
  const indexes: [string, string[]][] = [
    ['commands_dev_id_state_seq', ['dev_id', 'state', 'seq']],
    ['commands_dev_id_seq', ['dev_id', 'seq']],
    ['commands_session_id', ['session_id']],
    ['commands_job_token', ['job_token']],
    ['commands_state_expires_at', ['state', 'expires_at']],
  ];
  for (const [name, columns] of indexes) {
    await db.schema.createIndex(name).on('commands').columns(columns).execute();
  }
}

async function createAlerts(db: Kysely<unknown>, text: DataTypeExpression): Promise<void> {
  await db.schema
    .createTable('alerts')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('dev_id', text, (c) => c.notNull().references('devices.dev_id').onDelete('cascade'))
    .addColumn('session_id', text)
    .addColumn('alert_type', text, (c) => c.notNull())
    .addColumn('source_uri', text)
    .addColumn('target_uri', text)
    .addColumn('mark', text)
    .addColumn('data_type', text)
    .addColumn('data', text)
    .addColumn('received_at', TIME, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alerts_received_at_id').on('alerts').columns(['received_at', 'id']).execute();
  await db.schema
    .createIndex('alerts_dev_id_received_at')
    .on('alerts')
    .columns(['dev_id', 'received_at'])
    .execute();
}

const TABLES_CHILDREN_FIRST = [
  'alerts',
  'commands',
  'sessions',
  'tree_nodes',
  'mo_instances',
  'device_labels',
  'devices',
  'settings',
  'api_tokens',
  'users',
];

export function initMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const text = textType(engine);
      await createAccounts(db, text);
      await createDevices(db, text);
      await createTree(db, text);
      await createSessions(db, text);
      await createCommands(db, text, engine);
      await createAlerts(db, text);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of TABLES_CHILDREN_FIRST) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  };
}
