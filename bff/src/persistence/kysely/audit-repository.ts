import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuditFilter, AuditRepository, AuditRow } from '../ports';
import type { Engine } from './dialect';
import { epochMsColumn, intColumn, parseRow } from './row-codecs';
import type { Database } from './schema';

/** The advisory lock key of the audit chain on PostgreSQL ("dmcaudit" folded into an int8). */
const AUDIT_CHAIN_LOCK = 0x646d_6361_7564_69n;

const auditRecordSchema = z.object({
  seq: intColumn,
  at: epochMsColumn,
  actor: z.string(),
  role: z.string(),
  action: z.string(),
  target: z.string(),
  outcome: z.string(),
  client: z.string(),
  request_id: z.string(),
  prev_hash: z.string(),
  hash: z.string(),
});

const COLUMNS = [
  'seq',
  'at',
  'actor',
  'role',
  'action',
  'target',
  'outcome',
  'client',
  'request_id',
  'prev_hash',
  'hash',
] as const;

function toRow(raw: unknown): AuditRow {
  const r = parseRow('audit_log', auditRecordSchema, raw);
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    role: r.role,
    action: r.action,
    target: r.target,
    outcome: r.outcome,
    client: r.client,
    requestId: r.request_id,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export class KyselyAuditRepository implements AuditRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
  ) {}

  async lockChain(): Promise<void> {
    // SQLite: the store has one connection and a transaction holds it, so appends already take turns.
    if (this.engine !== 'postgres') return;
    await sql`select pg_advisory_xact_lock(${sql.lit(AUDIT_CHAIN_LOCK.toString())}::bigint)`.execute(this.db);
  }

  async last(): Promise<AuditRow | undefined> {
    const raw = await this.db
      .selectFrom('audit_log')
      .select(COLUMNS)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return raw === undefined ? undefined : toRow(raw);
  }

  async insert(row: AuditRow): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        seq: row.seq,
        at: row.at.getTime(),
        actor: row.actor,
        role: row.role,
        action: row.action,
        target: row.target,
        outcome: row.outcome,
        client: row.client,
        request_id: row.requestId,
        prev_hash: row.prevHash,
        hash: row.hash,
      })
      .execute();
  }

  async list(filter: AuditFilter, limit: number): Promise<AuditRow[]> {
    let query = this.db.selectFrom('audit_log').select(COLUMNS);
    if (filter.actor !== undefined) query = query.where('actor', '=', filter.actor);
    if (filter.action !== undefined) query = query.where('action', '=', filter.action);
    if (filter.target !== undefined) query = query.where('target', '=', filter.target);
    if (filter.since !== undefined) query = query.where('at', '>=', filter.since.getTime());
    if (filter.until !== undefined) query = query.where('at', '<=', filter.until.getTime());
    if (filter.beforeSeq !== undefined) query = query.where('seq', '<', filter.beforeSeq);
    const rows = await query.orderBy('seq', 'desc').limit(limit).execute();
    return rows.map(toRow);
  }

  async range(afterSeq: number, limit: number): Promise<AuditRow[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .select(COLUMNS)
      .where('seq', '>', afterSeq)
      .orderBy('seq', 'asc')
      .limit(limit)
      .execute();
    return rows.map(toRow);
  }
}
