// For tests that check how SQLite runs the statements the store really sends: a store on a file in
// a temp directory that records every statement, and the query plan of any of them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { openSqliteStore } from '../sqlite';
import type { Store } from '../ports';

export interface PlannedStore {
  readonly store: Store;
  /** Every statement the store ran since it opened (tests may empty it). */
  readonly statements: string[];
  /** SQLite's plan of `statement`, one line per loop, outermost first. */
  planOf(statement: string): string[];
  close(): Promise<void>;
}

export async function openPlannedStore(): Promise<PlannedStore> {
  const dir = mkdtempSync(path.join(tmpdir(), 'dmc-plans-'));
  const file = path.join(dir, 'dmc.sqlite');
  const statements: string[] = [];
  const store = await openSqliteStore({ file, onQuery: (sql) => statements.push(sql) });
  return {
    store,
    statements,
    planOf(statement) {
      const db = new SqliteDatabase(file, { readonly: true });
      try {
        const parameters = (statement.match(/\?/g) ?? []).map(() => null);
        return db
          .prepare(`explain query plan ${statement}`)
          .all(parameters)
          .map((row) => (row as { detail: string }).detail);
      } finally {
        db.close();
      }
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
