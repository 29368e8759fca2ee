// Our Kysely driver for PostgreSQL over a pg Pool, in place of Kysely's PostgresDriver. It spends
// fewer round trips and less CPU per statement, which is what a DM session on PostgreSQL costs:
// - The statements of prepared queries (constant SQL, kysely/prepared-query.ts) run as named
//   server-side prepared statements: parsed and planned once per connection. pg remembers which
//   names a connection has parsed; a new connection (after a restart or connection loss) parses them
//   again on first use. Other SQL stays unnamed.
// - BEGIN is not sent on its own: it goes out with the transaction's first statement, in one round
//   trip (postgres-begin-query.ts). A transaction that runs no statement sends nothing at all.
// - Failures are told apart as postgres-guard.ts says: unreachable (StoreUnavailableError), full
//   disk (StoreFullError), or the statement's own error.
import { CompiledQuery, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import type {
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import type pg from 'pg';
import { preparedStatementName } from './kysely/prepared-query';
import { submitStatement } from './postgres-begin-query';
import { storeError, unavailable } from './postgres-guard';

/** SQLSTATE 0A000 with this text: a prepared statement's result columns changed under it (DDL). */
const STALE_PLAN = /cached plan must not change result type/;

/** Statements that report the rows they changed in numAffectedRows. */
const AFFECTING = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

class PostgresConnection implements DatabaseConnection {
  readonly #client: pg.PoolClient;
  readonly #named: boolean;
  readonly #onRoundTrip: ((statements: readonly string[]) => void) | undefined;
  /** Names this connection has run successfully, so PostgreSQL holds them parsed. */
  readonly #parsed = new Set<string>();
  /** BEGIN was asked for and goes out with the next statement. */
  #beginPending = false;
  /** The connection must not go back to the pool (its prepared statements went stale). */
  #discard = false;

  constructor(client: pg.PoolClient, options: PostgresDriverOptions) {
    this.#client = client;
    this.#named = options.preparedStatements;
    this.#onRoundTrip = options.onRoundTrip;
    // pg-pool listens for errors only on idle clients. A connection that drops while checked out
    // (e.g. inside a transaction) reports through its pending query; without a listener its
    // 'error' event would crash the process.
    client.on('error', () => undefined);
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const text = compiled.sql;
    const values = compiled.parameters as unknown[];
    const name = this.#named ? preparedStatementName(text) : undefined;
    let result: pg.QueryResult;
    try {
      result = await this.#send(text, values, name);
    } catch (error) {
      if (error instanceof Error) {
        // The stack of the code that ran the statement, not of the protocol parser that made it.
        Error.captureStackTrace(error);
        if (name !== undefined && STALE_PLAN.test(error.message)) this.#discard = true;
      }
      throw storeError(error);
    }
    if (name !== undefined) this.#parsed.add(name);
    return {
      rows: result.rows as R[],
      ...(AFFECTING.has(result.command) ? { numAffectedRows: BigInt(result.rowCount ?? 0) } : {}),
    };
  }

  /** One round trip for the statement, with BEGIN in front when it is the transaction's first. */
  async #send(text: string, values: unknown[], name: string | undefined): Promise<pg.QueryResult> {
    const client = this.#client;
    if (this.#beginPending) {
      this.#beginPending = false;
      // A named statement not yet parsed here would be parsed behind BEGIN's own Parse: not
      // combined (postgres-begin-query.ts). That happens once per statement and connection.
      if (name === undefined || this.#parsed.has(name)) {
        this.#onRoundTrip?.(['begin', text]);
        return submitStatement(client, { text, values, name, afterBegin: true });
      }
      this.#onRoundTrip?.(['begin']);
      await submitStatement(client, { text: 'begin', values: [], afterBegin: false });
    }
    this.#onRoundTrip?.([text]);
    return submitStatement(client, { text, values, name, afterBegin: false });
  }

  /** Kysely's streaming (`.stream()`) is not used with this driver. */
  streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported on PostgreSQL.');
  }

  /** BEGIN (plain) waits for the first statement; other settings are sent at once. */
  async begin(settings: TransactionSettings): Promise<void> {
    if (settings.isolationLevel === undefined && settings.accessMode === undefined) {
      this.#beginPending = true;
      return;
    }
    let text = 'start transaction';
    if (settings.isolationLevel !== undefined) text += ` isolation level ${settings.isolationLevel}`;
    if (settings.accessMode !== undefined) text += ` ${settings.accessMode}`;
    await this.executeQuery(CompiledQuery.raw(text));
  }

  /** COMMIT or ROLLBACK; nothing to send when no statement ran since BEGIN. */
  async end(command: 'commit' | 'rollback'): Promise<void> {
    if (this.#beginPending) {
      this.#beginPending = false;
      return;
    }
    await this.executeQuery(CompiledQuery.raw(command));
  }

  release(): void {
    this.#beginPending = false;
    // An Error makes pg-pool close the connection instead of keeping it.
    this.#client.release(this.#discard ? new Error('prepared statements went stale') : undefined);
  }
}

export interface PostgresDriverOptions {
  /** Run prepared queries as named server-side statements (off behind poolers that cannot). */
  preparedStatements: boolean;
  /** Called before each round trip with the statements it carries (diagnostics; tests count them). */
  onRoundTrip?: (statements: readonly string[]) => void;
}

class PostgresDriver implements Driver {
  readonly #pool: pg.Pool;
  readonly #options: PostgresDriverOptions;
  readonly #connections = new WeakMap<pg.PoolClient, PostgresConnection>();

  constructor(pool: pg.Pool, options: PostgresDriverOptions) {
    this.#pool = pool;
    this.#options = options;
  }

  init(): Promise<void> {
    return Promise.resolve();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw unavailable(error);
    }
    let connection = this.#connections.get(client);
    if (connection === undefined) {
      connection = new PostgresConnection(client, this.#options);
      this.#connections.set(client, connection);
    }
    return connection;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return (connection as PostgresConnection).begin(settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return (connection as PostgresConnection).end('commit');
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return (connection as PostgresConnection).end('rollback');
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdentifier(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdentifier(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdentifier(name)}`));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as PostgresConnection).release();
    return Promise.resolve();
  }

  destroy(): Promise<void> {
    return this.#pool.end();
  }
}

/** Kysely's PostgreSQL dialect with our driver. */
export function postgresDialect(pool: pg.Pool, options: PostgresDriverOptions): Dialect {
  return {
    createAdapter: (): DialectAdapter => new PostgresAdapter(),
    createDriver: (): Driver => new PostgresDriver(pool, options),
    createQueryCompiler: (): QueryCompiler => new PostgresQueryCompiler(),
    createIntrospector: (db: Kysely<unknown>): DatabaseIntrospector => new PostgresIntrospector(db),
  };
}
