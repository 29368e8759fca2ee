// PostgreSQL's disk_full (SQLSTATE 53100) becomes StoreFullError, which the API and the DM endpoints
// answer 503 and which makes /readyz fail (issue 12). The error is raised by a real server: a disk
// cannot be filled for a test, but PostgreSQL reports the same SQLSTATE when told to.
import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreFullError } from './ports';
import { postgresDialect } from './postgres-driver';

const BASE_URL = process.env.DMC_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const isRequired = process.env.DMC_TEST_REQUIRE_PG === '1';

async function isReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: BASE_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    if (isRequired)
      throw new Error(`PostgreSQL at ${BASE_URL} is required but unreachable`, { cause: error });
    return false;
  }
}

describe.runIf(await isReachable())('the PostgreSQL guard', () => {
  let db: Kysely<unknown>;

  beforeAll(() => {
    db = new Kysely({
      dialect: postgresDialect(new pg.Pool({ connectionString: BASE_URL }), { preparedStatements: true }),
    });
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('reports disk_full as StoreFullError', async () => {
    const failing = sql`do $$ begin raise exception 'could not extend file' using errcode = 'disk_full'; end $$`;
    await expect(failing.execute(db)).rejects.toBeInstanceOf(StoreFullError);
  });

  it('passes other errors through', async () => {
    const failing = sql`do $$ begin raise exception 'no' using errcode = 'check_violation'; end $$`;
    await expect(failing.execute(db)).rejects.not.toBeInstanceOf(StoreFullError);
  });
});
