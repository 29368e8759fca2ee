// Tree history on the embedded database (protocol §13); tree-history-postgres.test.ts runs the same.
import { openSqliteStore } from '../src/persistence';
import { treeHistorySuite } from './support/tree-history-suite';

treeHistorySuite(
  () => openSqliteStore({ file: ':memory:' }),
  (store) => store.close(),
);
