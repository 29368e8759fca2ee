// How the driver sends a statement to pg: as a Query built from text and values (named afterwards),
// or with the transaction's BEGIN in the same round trip. pg sends each query as
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

/** One statement to send. */
export interface Statement {
  text: string;
  values: unknown[];
  /** The statement's server-side name; with `afterBegin`, it must already be parsed on the connection. */
  name?: string | undefined;
  /** Send BEGIN in front of it, in the same round trip. */
  afterBegin: boolean;
}

type QueryCallback = (error: Error | null | undefined, result: pg.QueryResult) => void;

interface SubmittedQuery extends QueryInternals, pg.Submittable {
  name?: string;
  queryMode?: 'extended';
}

type QueryClass = new (text: string, values: unknown[], callback: QueryCallback) => SubmittedQuery;

const BaseQuery = pg.Query as unknown as QueryClass;

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

/**
 * Sends `statement` on `client` in one round trip. The query is built from text and values and
 * named afterwards, which spares pg copying a config object per query.
 */
export function submitStatement(client: pg.ClientBase, statement: Statement): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => {
    const callback: QueryCallback = (error, result) => {
      if (error === undefined || error === null) resolve(result);
      else reject(error);
    };
    const Query = statement.afterBegin ? BeginThenQuery : BaseQuery;
    const query = new Query(statement.text, statement.values, callback);
    if (statement.name !== undefined) query.name = statement.name;
    // Extended mode even without values: BEGIN and the statement must share the one Sync.
    if (statement.afterBegin) query.queryMode = 'extended';
    client.query(query);
  });
}
