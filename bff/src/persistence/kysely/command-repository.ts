import { commandFailureReasonSchema, commandStateSchema } from '@dmc/shared/api';
import type { CommandState } from '@dmc/shared/api';
import type { Expression, Kysely, SqlBool, Updateable } from 'kysely';
import { z } from 'zod';
import type { CommandListQuery, CommandRepository, CommandRow, CommandTransition } from '../ports';
import { toJsonOrNull } from './query-helpers';
import { epochMsColumn, intColumn, jsonColumn, nullableEpochMsColumn, parseRow } from './row-codecs';
import { claimRows, type Engine } from './dialect';
import type { CommandsTable, Database } from './schema';
import { preparedQuery } from './prepared-query';

const stateCountSchema = z.object({ state: commandStateSchema, n: intColumn });

const commandRecordSchema = z.object({
  seq: intColumn,
  id: z.string(),
  dev_id: z.string(),
  command: jsonColumn(z.array(z.string())),
  state: commandStateSchema,
  sc: intColumn.nullable(),
  result: jsonColumn(z.unknown()).nullable(),
  session_id: z.string().nullable(),
  job_token: z.string().nullable(),
  created_at: epochMsColumn,
  updated_at: epochMsColumn,
  sent_at: nullableEpochMsColumn,
  expires_at: nullableEpochMsColumn,
  deliveries: intColumn,
  reason: commandFailureReasonSchema.nullable(),
  created_by: z.string().nullable(),
});

function toCommandRow(raw: unknown): CommandRow {
  const row = parseRow('commands', commandRecordSchema, raw);
  return {
    id: row.id,
    devId: row.dev_id,
    seq: row.seq,
    command: row.command,
    state: row.state,
    sc: row.sc,
    result: row.result,
    sessionId: row.session_id,
    jobToken: row.job_token,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sentAt: row.sent_at,
    expiresAt: row.expires_at,
    deliveries: row.deliveries,
    reason: row.reason,
    createdBy: row.created_by,
  };
}

/** States from which a command can still expire. */
const EXPIRABLE_STATES: readonly CommandState[] = ['queued', 'accepted'];

// Run on every DM package, with the limit written into the SQL (SQLite re-plans a bound LIMIT on
// every run): one prepared query per limit, and callers use one or two.
const listQueuedByLimit = new Map<number, ReturnType<typeof listQueuedQuery>>();

function listQueuedQuery(limit: number) {
  return preparedQuery((db, v: { devId: string; now: number }) =>
    db
      .selectFrom('commands')
      .selectAll()
      .where('dev_id', '=', v.devId)
      .where('state', '=', 'queued')
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>=', v.now)]))
      .orderBy('seq', 'asc')
      .limit(limit),
  );
}

function listQueuedCommands(limit: number) {
  let query = listQueuedByLimit.get(limit);
  if (query === undefined) {
    if (listQueuedByLimit.size >= 16) listQueuedByLimit.clear();
    query = listQueuedQuery(limit);
    listQueuedByLimit.set(limit, query);
  }
  return query;
}

/**
 * A transition's UPDATE for one shape (the columns it sets, whether it counts a delivery, how many
 * states it moves from), compiled once: every DM package runs one or two (mark sent, record outcome).
 */
function transitionQuery(columns: readonly string[], countDelivery: boolean, fromCount: number) {
  return preparedQuery((db, v: Record<string, unknown>) => {
    const changes = Object.fromEntries(columns.map((c) => [c, v[c]])) as Updateable<CommandsTable>;
    let update = db.updateTable('commands').set(changes);
    // Counted in the same statement, so a delivery is counted exactly when the move happens.
    if (countDelivery) update = update.set((eb) => ({ deliveries: eb('deliveries', '+', 1) }));
    const from = Array.from({ length: fromCount }, (_, i) => v[`from${i}`] as CommandState);
    return update
      .where('id', '=', v.id as string)
      .where('state', 'in', from)
      .returningAll();
  });
}

const transitionQueries = new Map<string, ReturnType<typeof transitionQuery>>();

function transitionQueryFor(columns: readonly string[], countDelivery: boolean, fromCount: number) {
  const key = `${columns.join(',')}|${countDelivery}|${fromCount}`;
  let query = transitionQueries.get(key);
  if (query === undefined) {
    if (transitionQueries.size >= 64) transitionQueries.clear();
    query = transitionQuery(columns, countDelivery, fromCount);
    transitionQueries.set(key, query);
  }
  return query;
}

export class KyselyCommandRepository implements CommandRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
  ) {}

  async enqueue(command: Omit<CommandRow, 'seq'>): Promise<CommandRow> {
    const row = await this.db
      .insertInto('commands')
      .values({
        id: command.id,
        dev_id: command.devId,
        command: JSON.stringify(command.command),
        state: command.state,
        sc: command.sc,
        result: toJsonOrNull(command.result),
        session_id: command.sessionId,
        job_token: command.jobToken,
        created_at: command.createdAt.getTime(),
        updated_at: command.updatedAt.getTime(),
        sent_at: command.sentAt?.getTime() ?? null,
        expires_at: command.expiresAt?.getTime() ?? null,
        deliveries: command.deliveries,
        reason: command.reason,
        created_by: command.createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toCommandRow(row);
  }

  async find(id: string): Promise<CommandRow | undefined> {
    const row = await this.db.selectFrom('commands').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toCommandRow(row);
  }

  async findByJobToken(token: string): Promise<CommandRow | undefined> {
    const row = await this.db
      .selectFrom('commands')
      .selectAll()
      .where('job_token', '=', token)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? undefined : toCommandRow(row);
  }

  async listByDevice(devId: string, limit: number): Promise<CommandRow[]> {
    const rows = await this.db
      .selectFrom('commands')
      .selectAll()
      .where('dev_id', '=', devId)
      .orderBy('seq', 'desc')
      .limit(Math.max(0, limit))
      .execute();
    return rows.map(toCommandRow);
  }

  async list(query: CommandListQuery): Promise<CommandRow[]> {
    const rows = await this.db
      .selectFrom('commands')
      .selectAll()
      .where((eb) => {
        const conditions: Expression<SqlBool>[] = [];
        if (query.state !== undefined) conditions.push(eb('state', '=', query.state));
        if (query.devId !== undefined) conditions.push(eb('dev_id', '=', query.devId));
        if (query.createdBy !== undefined) conditions.push(eb('created_by', '=', query.createdBy));
        if (query.commandName !== undefined) conditions.push(eb('command_name', '=', query.commandName));
        // A time bound is also a seq bound taken from the (created_at, seq) index: the least seq queued
        // in the window, the greatest queued before its end. Both hold whatever order the clocks of
        // several instances gave the times, so the result is the same; the page becomes a range walk
        // of the primary key instead of a walk from the newest command (SQLite does not pick the
        // time index on its own here).
        if (query.since !== undefined) {
          const since = query.since.getTime();
          conditions.push(eb('created_at', '>=', since));
          conditions.push(
            eb(
              'seq',
              '>=',
              eb
                .selectFrom('commands as w')
                .select((w) => w.fn.min('w.seq').as('s'))
                .where('w.created_at', '>=', since),
            ),
          );
        }
        if (query.until !== undefined) {
          const until = query.until.getTime();
          conditions.push(eb('created_at', '<', until));
          conditions.push(
            eb(
              'seq',
              '<=',
              eb
                .selectFrom('commands as w')
                .select((w) => w.fn.max('w.seq').as('s'))
                .where('w.created_at', '<', until),
            ),
          );
        }
        if (query.campaignId !== undefined) {
          // Served by the campaign_devices (campaign_id, …) index, then the commands primary key.
          conditions.push(
            eb(
              'id',
              'in',
              eb
                .selectFrom('campaign_devices')
                .select('command_id')
                .where('campaign_id', '=', query.campaignId)
                .where('command_id', 'is not', null),
            ),
          );
        }
        if (query.beforeSeq !== undefined) conditions.push(eb('seq', '<', query.beforeSeq));
        return eb.and(conditions);
      })
      .orderBy('seq', 'desc')
      .limit(Math.max(0, query.limit))
      .execute();
    return rows.map(toCommandRow);
  }

  async listQueued(devId: string, now: Date, limit: number): Promise<CommandRow[]> {
    // Unexpired is the complement of listDueForExpiry's `expires_at < now`.
    const { rows } = await listQueuedCommands(Math.max(0, limit))(this.db, { devId, now: now.getTime() });
    return rows.map(toCommandRow);
  }

  async listBySession(sessionId: string): Promise<CommandRow[]> {
    const rows = await this.db
      .selectFrom('commands')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('seq', 'asc')
      .execute();
    return rows.map(toCommandRow);
  }

  async transition(
    id: string,
    from: readonly CommandState[],
    to: CommandTransition,
  ): Promise<CommandRow | undefined> {
    if (from.length === 0) return undefined;
    const changes: Updateable<CommandsTable> = { state: to.state, updated_at: to.at.getTime() };
    if (to.sc !== undefined) changes.sc = to.sc;
    if ('result' in to) changes.result = toJsonOrNull(to.result);
    if (to.sessionId !== undefined) changes.session_id = to.sessionId;
    if (to.sentAt !== undefined) changes.sent_at = to.sentAt?.getTime() ?? null;
    if (to.expiresAt !== undefined) changes.expires_at = to.expiresAt?.getTime() ?? null;
    if (to.reason !== undefined) changes.reason = to.reason;
    // The state check and the write are one statement, so concurrent transitions cannot both win.
    const columns = Object.keys(changes);
    const values: Record<string, unknown> = { ...changes, id };
    for (const [i, state] of from.entries()) values[`from${i}`] = state;
    const query = transitionQueryFor(columns, to.countDelivery === true, from.length);
    const [row] = (await query(this.db, values)).rows;
    return row === undefined ? undefined : toCommandRow(row);
  }

  async listDueForExpiry(now: Date, limit: number): Promise<CommandRow[]> {
    const query = this.db
      .selectFrom('commands')
      .selectAll()
      .where('state', 'in', [...EXPIRABLE_STATES])
      .where('expires_at', '<', now.getTime())
      .orderBy('expires_at', 'asc')
      .orderBy('seq', 'asc')
      .limit(Math.max(0, limit));
    const rows = await claimRows(this.engine, query).execute();
    return rows.map(toCommandRow);
  }

  async countByState(): Promise<Partial<Record<CommandState, number>>> {
    const rows = await this.db
      .selectFrom('commands')
      .select((eb) => ['state', eb.fn.countAll().as('n')])
      .groupBy('state')
      .execute();
    const counts: Partial<Record<CommandState, number>> = {};
    for (const raw of rows) {
      const row = parseRow('commands', stateCountSchema, raw);
      counts[row.state] = row.n;
    }
    return counts;
  }
}
