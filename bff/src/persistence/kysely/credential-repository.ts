import type { Kysely } from 'kysely';
import type { CredentialRepository, KeyedCredentials } from '../ports';
import type { Database } from './schema';

export class KyselyCredentialRepository implements CredentialRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async listKeyed(): Promise<KeyedCredentials[]> {
    const rows = await this.db
      .selectFrom('devices')
      .select(['dev_id', 'basic_verifier', 'notify_secret_enc'])
      .orderBy('dev_id')
      .execute();
    return rows.map((row) => ({
      devId: row.dev_id,
      basicVerifier: row.basic_verifier,
      notifySecretEnc: row.notify_secret_enc,
    }));
  }

  async setKeyed(credentials: KeyedCredentials): Promise<boolean> {
    const result = await this.db
      .updateTable('devices')
      .set({
        basic_verifier: credentials.basicVerifier,
        notify_secret_enc: credentials.notifySecretEnc,
      })
      .where('dev_id', '=', credentials.devId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}
