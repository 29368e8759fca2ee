import { sql, type Kysely } from 'kysely';
import type { AuthFailureCount, AuthFailureRepository, AuthFailureScope } from '../ports';
import type { Database } from './schema';

export class KyselyAuthFailureRepository implements AuthFailureRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async add(
    scope: AuthFailureScope,
    key: string,
    now: Date,
    windowStartedBefore: Date,
  ): Promise<AuthFailureCount> {
    // One statement, so attempts on any instance serialise on the primary key and none is lost.
    const past = windowStartedBefore.getTime();
    const row = await this.db
      .insertInto('auth_failures')
      .values({ scope, key, failures: 1, window_start: now.getTime() })
      .onConflict((oc) =>
        oc.columns(['scope', 'key']).doUpdateSet({
          failures: sql<number>`case when auth_failures.window_start <= ${past} then 1
            else auth_failures.failures + 1 end`,
          window_start: sql<number>`case when auth_failures.window_start <= ${past}
            then excluded.window_start else auth_failures.window_start end`,
        }),
      )
      .returning(['failures', 'window_start'])
      .executeTakeFirstOrThrow();
    return { failures: Number(row.failures), windowStart: new Date(Number(row.window_start)) };
  }

  async find(scope: AuthFailureScope, key: string): Promise<AuthFailureCount | undefined> {
    const row = await this.db
      .selectFrom('auth_failures')
      .select(['failures', 'window_start'])
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirst();
    return row && { failures: Number(row.failures), windowStart: new Date(Number(row.window_start)) };
  }

  async subtract(scope: AuthFailureScope, key: string, windowStart: Date): Promise<void> {
    await this.db
      .updateTable('auth_failures')
      .set({ failures: sql<number>`failures - 1` })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('window_start', '=', windowStart.getTime())
      .where('failures', '>', 0)
      .execute();
  }

  async remove(scope: AuthFailureScope, key: string): Promise<void> {
    await this.db.deleteFrom('auth_failures').where('scope', '=', scope).where('key', '=', key).execute();
  }

  async removeStarted(before: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('auth_failures')
      .where('window_start', '<', before.getTime())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async removeBeyond(max: number): Promise<number> {
    const cutoff = await this.db
      .selectFrom('auth_failures')
      .select('window_start')
      .orderBy('window_start', 'desc')
      .limit(1)
      .offset(max)
      .executeTakeFirst();
    if (!cutoff) return 0;
    const result = await this.db
      .deleteFrom('auth_failures')
      .where('window_start', '<=', cutoff.window_start)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
