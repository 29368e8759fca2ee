// Tree history on PostgreSQL (protocol §13): the suite tree-history.test.ts runs on SQLite.
import { afterAll, describe } from 'vitest';
import { openPostgresStore } from '../src/persistence';
import { IS_REQUIRED, createDatabase, databaseUrl, dropDatabase } from './support/cluster-support';
import { treeHistorySuite } from './support/tree-history-suite';

async function postgresAvailable(): Promise<string | undefined> {
  try {
    return await createDatabase();
  } catch (err) {
    if (IS_REQUIRED) throw err;
    return undefined;
  }
}

const database = await postgresAvailable();

describe.skipIf(database === undefined)('on PostgreSQL', () => {
  afterAll(async () => {
    if (database !== undefined) await dropDatabase(database);
  });
  // One database for the suite: each test uses devices of its own.
  treeHistorySuite(
    () => openPostgresStore({ url: databaseUrl(database ?? ''), poolSize: 2 }),
    (store) => store.close(),
  );
});
