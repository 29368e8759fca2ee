// Queries built and compiled once, then run with new values. Kysely builds and compiles every query
// it runs; for the statements of every DM session that was a sixth of the BFF's CPU (BENCHMARKS.md).
//
// The builder receives stand-ins for the values. Each must reach the SQL as a bound parameter
// (`where`, `set`, `values`, `limit`) and never shape it (no `in` lists, no conditional clauses,
// no column names): the first compile checks that every stand-in became a parameter.
//
// Their SQL text is constant, so on PostgreSQL each also runs as a named server-side prepared
// statement (`preparedStatementName`, used by postgres-driver.ts): parsed and planned once per
// connection instead of on every run.
import type { Compilable, CompiledQuery, Kysely, QueryResult, RawBuilder } from 'kysely';
import type { Engine } from './dialect';
import type { Database } from './schema';

class Slot {
  constructor(readonly name: string) {}
}

interface Template {
  readonly compiled: CompiledQuery;
  /** For each parameter: the value's name, or undefined for a constant of the query. */
  readonly names: readonly (string | undefined)[];
}

/** Statement names by SQL text; only texts of prepared queries are here, so the map stays small. */
const statementNames = new Map<string, string>();

/**
 * The server-side statement name of a prepared query's SQL, or undefined for any other SQL. Names
 * are given in order of first compile, the same text always getting the same name in a process.
 */
export function preparedStatementName(sqlText: string): string | undefined {
  return statementNames.get(sqlText);
}

/** More distinct texts than this are never the product's constant statements: they run unnamed. */
const MAX_STATEMENT_NAMES = 1000;

function nameStatement(sqlText: string): void {
  if (!statementNames.has(sqlText) && statementNames.size < MAX_STATEMENT_NAMES)
    statementNames.set(sqlText, `dmc_${statementNames.size + 1}`);
}

/**
 * Names a compiled statement's text on PostgreSQL when its text is the same on every run with the
 * same shape (the profile point check's, whose text changes only with the set of profiles).
 */
export function nameConstantText(sqlText: string): void {
  nameStatement(sqlText);
}

/**
 * Runs raw SQL whose text is the same on every call on PostgreSQL (values only as parameters, row
 * sets as arrays through `rowsTable`), as a named statement there like a prepared query. On SQLite
 * `rowsTable` writes its rows into the text, so nothing is named.
 */
export async function executeConstantText<O>(
  db: Kysely<Database>,
  engine: Engine,
  query: RawBuilder<O>,
): Promise<QueryResult<O>> {
  const compiled = query.compile(db);
  if (engine === 'postgres') nameStatement(compiled.sql);
  return db.executeQuery(compiled);
}

function compileTemplate<V>(
  db: Kysely<Database>,
  build: (db: Kysely<Database>, values: V) => Compilable<unknown>,
): Template {
  const used = new Set<string>();
  const standIns = new Proxy(
    {},
    {
      get: (_target, name) => {
        if (typeof name !== 'string') return undefined;
        used.add(name);
        return new Slot(name);
      },
    },
  ) as V;
  const compiled = build(db, standIns).compile();
  const names = compiled.parameters.map((p) => (p instanceof Slot ? p.name : undefined));
  for (const name of used) {
    if (!names.includes(name)) {
      throw new Error(`Prepared query: "${name}" must be a bound parameter, not part of the SQL.`);
    }
  }
  nameStatement(compiled.sql);
  return { compiled, names };
}

/**
 * A query with named values, compiled on first use for each database (the SQL differs between
 * SQLite and PostgreSQL) and reused by every repository and transaction on it.
 */
export function preparedQuery<V extends object, O>(
  build: (db: Kysely<Database>, values: V) => Compilable<O>,
): (db: Kysely<Database>, values: V) => Promise<QueryResult<O>> {
  // Keyed by the database's adapter, which its transactions share.
  const templates = new WeakMap<object, Template>();
  return async (db, values) => {
    const key = db.getExecutor().adapter;
    let template = templates.get(key);
    if (template === undefined) {
      template = compileTemplate(db, build);
      templates.set(key, template);
    }
    const { compiled, names } = template;
    const parameters = names.map((name, i) =>
      name === undefined ? compiled.parameters[i] : (values as Record<string, unknown>)[name],
    );
    return db.executeQuery<O>({ ...compiled, parameters });
  };
}
