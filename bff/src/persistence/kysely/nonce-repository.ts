import type { Kysely } from 'kysely';
import type { NonceRepository } from '../ports';
import type { Database } from './schema';

export class KyselyNonceRepository implements NonceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async claim(nonce: string, nc: number, expiresAt: Date): Promise<boolean> {
    // One statement, so concurrent claims on any instance serialise on the primary key: a row is
    // written only for a new nonce or a higher count, and both engines report 0 rows otherwise.
    const result = await this.db
      .insertInto('digest_nonces')
      .values({ nonce, nc, expires_at: expiresAt.getTime() })
      .onConflict((oc) =>
        oc
          .column('nonce')
          .doUpdateSet((eb) => ({ nc: eb.ref('excluded.nc'), expires_at: eb.ref('excluded.expires_at') }))
          .whereRef('digest_nonces.nc', '<', 'excluded.nc'),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async removeExpired(now: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('digest_nonces')
      .where('expires_at', '<', now.getTime())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
