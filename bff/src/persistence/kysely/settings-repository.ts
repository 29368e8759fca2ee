import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { SettingsRepository } from '../ports';
import { parseRow } from './row-codecs';
import type { Database } from './schema';
import type { Engine } from './dialect';

export class KyselySettingsRepository implements SettingsRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    return row === undefined ? undefined : parseRow('settings', z.string(), row.value);
  }

  async putIfAbsent(key: string, value: string): Promise<string> {
    // Insert-or-ignore then read: whichever instance inserted first wins, and everyone reads its value.
    await this.db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const stored = await this.get(key);
    if (stored === undefined) throw new Error(`setting ${key} vanished after insert`);
    return stored;
  }

  async put(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  async remove(key: string): Promise<void> {
    await this.db.deleteFrom('settings').where('key', '=', key).execute();
    // secure_delete (set when the store opens) zeroed the row in its page; the checkpoint writes that
    // page over the old one and empties the log, which still held the row.
    if (this.engine === 'sqlite') await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(this.db);
  }
}
