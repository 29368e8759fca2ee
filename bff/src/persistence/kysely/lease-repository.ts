import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { LeaseRepository, LeaseRow } from '../ports';
import { epochMsColumn, parseRow } from './row-codecs';
import type { Database } from './schema';

const leaseRecordSchema = z.object({
  name: z.string(),
  holder: z.string(),
  acquired_at: epochMsColumn,
  expires_at: epochMsColumn,
});

function toLeaseRow(raw: unknown): LeaseRow {
  const row = parseRow('leases', leaseRecordSchema, raw);
  return { name: row.name, holder: row.holder, acquiredAt: row.acquired_at, expiresAt: row.expires_at };
}

export class KyselyLeaseRepository implements LeaseRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async acquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const at = now.getTime();
    // One upsert: insert when free; take over when expired; extend when already ours. The
    // conditional DO UPDATE makes it atomic in both engines (a row lock on PostgreSQL).
    const row = await this.db
      .insertInto('leases')
      .values({ name, holder, acquired_at: at, expires_at: at + ttlMs })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet((eb) => ({
            holder: eb.ref('excluded.holder'),
            acquired_at: eb
              .case()
              .when('leases.holder', '=', holder)
              .then(eb.ref('leases.acquired_at'))
              .else(eb.ref('excluded.acquired_at'))
              .end(),
            expires_at: eb.ref('excluded.expires_at'),
          }))
          .where((eb) => eb.or([eb('leases.holder', '=', holder), eb('leases.expires_at', '<=', at)])),
      )
      .returning('holder')
      .executeTakeFirst();
    return row?.holder === holder;
  }

  async renew(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const result = await this.db
      .updateTable('leases')
      .set({ expires_at: now.getTime() + ttlMs })
      .where('name', '=', name)
      .where('holder', '=', holder)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.db.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
  }

  async removeLapsed(name: string, before: Date): Promise<boolean> {
    const result = await this.db
      .deleteFrom('leases')
      .where('name', '=', name)
      .where('expires_at', '<=', before.getTime())
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async find(name: string): Promise<LeaseRow | undefined> {
    const raw = await this.db.selectFrom('leases').selectAll().where('name', '=', name).executeTakeFirst();
    return raw === undefined ? undefined : toLeaseRow(raw);
  }

  async list(): Promise<LeaseRow[]> {
    const rows = await this.db.selectFrom('leases').selectAll().orderBy('name', 'asc').execute();
    return rows.map(toLeaseRow);
  }
}
