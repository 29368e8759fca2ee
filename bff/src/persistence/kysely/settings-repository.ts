import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { SettingsRepository } from '../ports';
import { parseRow } from './row-codecs';
import type { Database } from './schema';
import type { Engine } from './dialect';

const TRUNCATE_ATTEMPTS = 100;

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
    if (this.engine === 'sqlite') await this.#truncateLog();
  }

  /**
   * A TRUNCATE checkpoint, again while another connection's checkpoint (the server's background
   * checkpointer, ADR 0014) keeps it from finishing: SQLite then reports busy instead of waiting.
   */
  async #truncateLog(): Promise<void> {
    for (let attempt = 0; attempt < TRUNCATE_ATTEMPTS; attempt += 1) {
      const { rows } = await sql<{ busy: number }>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(this.db);
      if (rows[0]?.busy === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('The SQLite log could not be emptied: another connection kept checkpointing.');
  }
}
