// A transaction's BEGIN sent in the same round trip as its first statement. pg sends each query as
// Parse/Bind/Execute followed by Sync and waits for the answer; this query puts an unnamed
// Parse/Bind/Execute of BEGIN in front of the statement's own messages, before the one Sync. The
// server runs the messages in order, and an error in any of them skips the rest up to the Sync: if
// BEGIN fails, the statement is not run at all (never outside the transaction), and the caller gets
// the error as the statement's. BEGIN's CommandComplete is the first one the query receives; it is
// not part of the statement's result.
//
// pg submits a Query through `prepare` (the messages) and reports each answer to its handlers; both
// are pg's own extension points for custom queries (pg-cursor uses the same connection methods).
// The statement must be unnamed or already parsed on the connection (see postgres-driver.ts): BEGIN's
// ParseComplete is reported against the query's statement name, which is harmless only then.
import pg from 'pg';

/** The message writers of pg's Connection that a Query's `prepare` uses. */
interface WireConnection {
  parse(message: { text: string; name?: string }): void;
  bind(message: { portal?: string; statement?: string }): void;
  execute(message: { portal?: string }): void;
}

/** The protected part of pg's Query that this query overrides. */
interface QueryInternals {
  prepare(connection: WireConnection): void;
  handleCommandComplete(message: unknown, connection: WireConnection): void;
}

export interface BeginQueryConfig {
  text: string;
  values: unknown[];
  /** The statement's server-side name; it must already be parsed on the connection. */
  name?: string;
}

type QueryCallback = (error: Error | undefined, result: pg.QueryResult) => void;

const BaseQuery = pg.Query as unknown as new (
  config: BeginQueryConfig & { queryMode: 'extended' },
  callback: QueryCallback,
) => QueryInternals & pg.Submittable;

class BeginThenQuery extends BaseQuery {
  #beginAnswered = false;

  override prepare(connection: WireConnection): void {
    connection.parse({ text: 'begin' });
    connection.bind({});
    connection.execute({});
    super.prepare(connection);
  }

  override handleCommandComplete(message: unknown, connection: WireConnection): void {
    if (!this.#beginAnswered) {
      this.#beginAnswered = true;
      return;
    }
    super.handleCommandComplete(message, connection);
  }
}

/** Runs BEGIN, then the statement, in one round trip on `client`; resolves with the statement's result. */
export function queryAfterBegin(client: pg.ClientBase, config: BeginQueryConfig): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => {
    // Extended mode even without values: BEGIN and the statement must share the one Sync.
    const query = new BeginThenQuery({ ...config, queryMode: 'extended' }, (error, result) => {
      if (error === undefined || error === null) resolve(result);
      else reject(error);
    });
    client.query(query);
  });
}
