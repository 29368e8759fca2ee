// The Kysely driver for the embedded engine: one better-sqlite3 connection with a prepared-statement
// cache and group commit (ADR 0005).
//
// Group commit: a transaction ends by releasing its savepoint inside one open SQLite transaction and
// hands the connection to the next caller; the COMMIT runs once the event loop has taken the work
// that was ready (setImmediate), or after MAX_GROUP transactions. A transaction's promise settles
// only after that COMMIT, so nothing is acknowledged before it is on disk (WAL, synchronous=NORMAL):
// the durability of one COMMIT per transaction at a fraction of its cost. A transaction that throws
// rolls back to its savepoint alone; a COMMIT that fails rejects every transaction of the group.
// Reads outside a transaction may see a finished transaction of the open group before its COMMIT;
// writes outside a transaction commit the open group first and then commit on their own.
import type SqliteDatabase from 'better-sqlite3';
import {
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import { StoreFullError, StoreUnavailableError } from './ports';

const STATEMENT_CACHE_SIZE = 1_000;

/** Transactions one COMMIT may carry; bounds how long a finished transaction waits for it. */
export const MAX_GROUP = 64;

const SAVEPOINT = 'dmc_tx';

export interface SqliteDriverStats {
  /** COMMITs that carried at least one transaction. */
  readonly commits: number;
  /** Transactions committed. */
  readonly transactions: number;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Group {
  readonly waiters: Waiter[];
}

/**
 * Another process holding the database past the busy timeout (a bulk import, a backup): nothing
 * was decided, so callers get StoreUnavailableError (503, retry later) like a PostgreSQL outage.
 */
function storeError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code)) {
    return new StoreUnavailableError(`SQLite is busy: ${detail}`, { cause: error });
  }
  // The disk is full (or the database reached max_page_count): nothing was written.
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new StoreFullError(`SQLite cannot write: ${detail}`, { cause: error });
  }
  return error;
}

/** Runs synchronous driver work as a promise, so a failure is a rejection like any query's. */
function settled(work: () => void): Promise<void> {
  return new Promise((resolve) => {
    try {
      work();
    } catch (error) {
      throw storeError(error);
    }
    resolve();
  });
}

/** A FIFO lock: the one connection serves one caller (a query or a whole transaction) at a time. */
class Lock {
  #held = false;
  readonly #queue: (() => void)[] = [];

  acquire(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#queue.push(resolve));
  }

  release(): void {
    const next = this.#queue.shift();
    if (next) next();
    else this.#held = false;
  }
}

/** One hold of the connection; Kysely releases it after the query or transaction it ran. */
class Connection implements DatabaseConnection {
  released = false;
  inTransaction = false;

  constructor(private readonly driver: GroupCommitDriver) {}

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    return Promise.resolve(this.driver.execute<R>(this, compiledQuery));
  }

  // The store never streams; a stream would hold statements open across other callers' queries.
  // eslint-disable-next-line require-yield -- refuses before yielding anything
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    await Promise.resolve();
    throw new Error('The SQLite store does not stream query results.');
  }
}

export class GroupCommitDriver implements Driver {
  readonly #db: SqliteDatabase.Database;
  readonly #lock = new Lock();
  readonly #statements = new Map<string, SqliteDatabase.Statement>();
  #group: Group | undefined;
  /** A transaction holds the connection between its BEGIN and its end. */
  #transactionActive = false;
  /** The scheduled COMMIT found a transaction active; the transaction commits the group as it ends. */
  #commitDue = false;
  /** The last error a statement raised, for a group that SQLite rolled back itself. */
  #lastError: unknown;
  #commits = 0;
  #transactions = 0;

  constructor(database: SqliteDatabase.Database) {
    this.#db = database;
  }

  get stats(): SqliteDriverStats {
    return { commits: this.#commits, transactions: this.#transactions };
  }

  async init(): Promise<void> {
    // The connection is opened by the caller.
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#lock.acquire();
    return new Connection(this);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    const held = connection as Connection;
    if (!held.released) {
      held.released = true;
      this.#lock.release();
    }
    return Promise.resolve();
  }

  beginTransaction(connection: DatabaseConnection): Promise<void> {
    return settled(() => this.#begin(connection as Connection));
  }

  #begin(connection: Connection): void {
    if (this.#group === undefined) {
      this.#run('begin');
      this.#group = { waiters: [] };
      setImmediate(() => this.#commitWhenIdle());
    }
    this.#run(`savepoint ${SAVEPOINT}`);
    connection.inTransaction = true;
    this.#transactionActive = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const held = connection as Connection;
    const group = this.#group;
    if (group === undefined) throw new Error('No transaction is open on the SQLite connection.');
    this.#run(`release ${SAVEPOINT}`);
    this.#endTransaction(held);
    const durable = new Promise<void>((resolve, reject) => group.waiters.push({ resolve, reject }));
    if (this.#commitDue || group.waiters.length >= MAX_GROUP) this.#commitGroup();
    // The next caller may use the connection while this transaction waits for its COMMIT.
    await this.releaseConnection(held);
    await durable;
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return settled(() => this.#rollback(connection as Connection));
  }

  #rollback(held: Connection): void {
    // Kysely also calls this when the COMMIT of the group failed: that transaction has ended already.
    if (!held.inTransaction) return;
    this.#endTransaction(held);
    if (!this.#db.inTransaction) {
      // SQLite rolled the whole transaction back itself (I/O error, disk full): the group is gone,
      // and its transactions fail as the statement did (a full disk stays a StoreFullError).
      const cause = this.#lastError;
      this.#failGroup(
        cause instanceof StoreFullError
          ? new StoreFullError(cause.message, { cause })
          : new Error('SQLite rolled back the open transaction.', { cause }),
      );
      return;
    }
    try {
      this.#run(`rollback to ${SAVEPOINT}`);
      this.#run(`release ${SAVEPOINT}`);
    } catch (error) {
      this.#failGroup(error);
      return;
    }
    if (this.#commitDue) this.#commitGroup();
  }

  async destroy(): Promise<void> {
    // Waits for the transaction using the connection, if any, so its group commits whole.
    await this.#lock.acquire();
    this.#commitGroup();
    this.#db.close();
  }

  /** Runs one statement for `connection`; called by the connection. */
  execute<R>(connection: Connection, query: CompiledQuery): QueryResult<R> {
    try {
      return this.#execute<R>(connection, query);
    } catch (error) {
      this.#lastError = storeError(error);
      throw this.#lastError;
    }
  }

  #execute<R>(connection: Connection, query: CompiledQuery): QueryResult<R> {
    const statement = this.#prepare(query.sql);
    // A write outside a transaction (RETURNING ones included) must be durable when it returns: end
    // the open group first so this statement commits on its own.
    if (!connection.inTransaction && !statement.readonly) this.#commitGroup();
    if (statement.reader) return { rows: statement.all(query.parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(query.parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  /** Transaction control through cached statements: `exec` would compile them on every use. */
  #run(source: string): void {
    this.#prepare(source).run();
  }

  #prepare(source: string): SqliteDatabase.Statement {
    let statement = this.#statements.get(source);
    if (statement === undefined) {
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) this.#statements.clear();
      statement = this.#db.prepare(source);
      this.#statements.set(source, statement);
    }
    return statement;
  }

  #endTransaction(connection: Connection): void {
    connection.inTransaction = false;
    this.#transactionActive = false;
  }

  #commitWhenIdle(): void {
    if (this.#transactionActive) this.#commitDue = true;
    else this.#commitGroup();
  }

  #commitGroup(): void {
    const group = this.#group;
    if (group === undefined) return;
    this.#group = undefined;
    this.#commitDue = false;
    try {
      this.#run('commit');
    } catch (error) {
      this.#settle(group, storeError(error));
      return;
    }
    this.#commits += 1;
    this.#transactions += group.waiters.length;
    for (const waiter of group.waiters) waiter.resolve();
  }

  #failGroup(error: unknown): void {
    const group = this.#group;
    this.#group = undefined;
    this.#commitDue = false;
    if (group) this.#settle(group, error);
  }

  /** Rejects every transaction of a group that did not commit, and leaves no transaction open. */
  #settle(group: Group, error: unknown): void {
    if (this.#db.inTransaction) this.#run('rollback');
    for (const waiter of group.waiters) waiter.reject(error);
  }
}

/** The Kysely dialect over one open better-sqlite3 connection, with its driver for the stats. */
export function groupCommitDialect(database: SqliteDatabase.Database): {
  dialect: Dialect;
  driver: GroupCommitDriver;
} {
  const driver = new GroupCommitDriver(database);
  return {
    driver,
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => driver,
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  };
}
