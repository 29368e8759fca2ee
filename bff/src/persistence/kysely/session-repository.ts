import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { SESSION_STATUSES } from '../ports';
import type { DeviceAdmission, SessionRepository, SessionRow } from '../ports';
import { readSessionForAdmission } from './device-contact';
import { epochMsColumn, intColumn, jsonColumn, nullableEpochMsColumn, parseRow } from './row-codecs';
import type { Engine } from './dialect';
import type { Database, SessionsTable } from './schema';
import { preparedQuery } from './prepared-query';

const countSchema = z.object({ n: intColumn });

const bucketCountSchema = z.object({ bucket: intColumn, n: intColumn });

const sessionRecordSchema = z.object({
  id: z.string(),
  token: z.string(),
  dev_id: z.string(),
  status: z.enum(SESSION_STATUSES),
  state: jsonColumn(z.unknown()),
  version: intColumn,
  started_at: epochMsColumn,
  updated_at: epochMsColumn,
  expires_at: epochMsColumn,
  ended_at: nullableEpochMsColumn,
});

export function toSessionRow(raw: unknown): SessionRow {
  const row = parseRow('sessions', sessionRecordSchema, raw);
  return {
    id: row.id,
    token: row.token,
    devId: row.dev_id,
    status: row.status,
    state: row.state,
    version: row.version,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
    endedAt: row.ended_at,
  };
}

function toRecord(session: SessionRow): SessionsTable {
  return {
    id: session.id,
    token: session.token,
    dev_id: session.devId,
    status: session.status,
    // A state of undefined would not survive JSON; store null instead.
    state: JSON.stringify(session.state ?? null),
    version: session.version,
    started_at: session.startedAt.getTime(),
    updated_at: session.updatedAt.getTime(),
    expires_at: session.expiresAt.getTime(),
    ended_at: session.endedAt?.getTime() ?? null,
  };
}

// Run on every DM package.
const insertSession = preparedQuery((db, v: SessionsTable) =>
  db.insertInto('sessions').values({
    id: v.id,
    token: v.token,
    dev_id: v.dev_id,
    status: v.status,
    state: v.state,
    version: v.version,
    started_at: v.started_at,
    updated_at: v.updated_at,
    expires_at: v.expires_at,
    ended_at: v.ended_at,
  }),
);
const findSessionByToken = preparedQuery((db, v: { token: string }) =>
  db.selectFrom('sessions').selectAll().where('token', '=', v.token),
);
const findSessionById = preparedQuery((db, v: { id: string }) =>
  db.selectFrom('sessions').selectAll().where('id', '=', v.id),
);
const findOpenSession = preparedQuery((db, v: { devId: string }) =>
  db
    .selectFrom('sessions')
    .selectAll()
    .where('dev_id', '=', v.devId)
    .where('status', '=', 'open')
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1),
);
const updateSession = preparedQuery((db, v: SessionsTable & { previous: number }) =>
  db
    .updateTable('sessions')
    .set({
      status: v.status,
      state: v.state,
      version: v.version,
      updated_at: v.updated_at,
      expires_at: v.expires_at,
      ended_at: v.ended_at,
    })
    .where('id', '=', v.id)
    .where('version', '=', v.previous),
);

export class KyselySessionRepository implements SessionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
  ) {}

  async create(session: SessionRow): Promise<void> {
    await insertSession(this.db, toRecord(session));
  }

  async findByToken(token: string): Promise<SessionRow | undefined> {
    const [row] = (await findSessionByToken(this.db, { token })).rows;
    return row === undefined ? undefined : toSessionRow(row);
  }

  async findByTokenForAdmission(
    token: string,
  ): Promise<{ session: SessionRow; admission: DeviceAdmission } | undefined> {
    return readSessionForAdmission(this.db, token, toSessionRow);
  }

  async findById(id: string): Promise<SessionRow | undefined> {
    const [row] = (await findSessionById(this.db, { id })).rows;
    return row === undefined ? undefined : toSessionRow(row);
  }

  async findOpenByDevice(devId: string): Promise<SessionRow | undefined> {
    const [row] = (await findOpenSession(this.db, { devId })).rows;
    return row === undefined ? undefined : toSessionRow(row);
  }

  async update(session: SessionRow): Promise<boolean> {
    // Compare-and-set on the version: the writer that read version N-1 first wins.
    const result = await updateSession(this.db, { ...toRecord(session), previous: session.version - 1 });
    return Number(result.numAffectedRows ?? 0) > 0;
  }

  async listExpired(now: Date, limit: number): Promise<SessionRow[]> {
    const query = this.db
      .selectFrom('sessions')
      .innerJoin('devices', 'devices.dev_id', 'sessions.dev_id')
      .selectAll('sessions')
      .where('sessions.status', '=', 'open')
      .where('sessions.expires_at', '<', now.getTime())
      .orderBy('sessions.expires_at', 'asc')
      .orderBy('sessions.id', 'asc')
      .limit(Math.max(0, limit));
    // The device row is the claim (lock order: device, session, commands); SQLite has no row locks.
    const claimed = this.engine === 'postgres' ? query.forNoKeyUpdate('devices').skipLocked() : query;
    const rows = await claimed.execute();
    return rows.map(toSessionRow);
  }

  async countOpen(): Promise<number> {
    const row = await this.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    return parseRow('sessions', countSchema, row).n;
  }

  async listByDevice(
    devId: string,
    limit: number,
    before?: { startedAt: Date; id: string },
  ): Promise<SessionRow[]> {
    let query = this.db.selectFrom('sessions').selectAll().where('dev_id', '=', devId);
    if (before) {
      const at = before.startedAt.getTime();
      query = query.where((eb) =>
        eb.or([eb('started_at', '<', at), eb.and([eb('started_at', '=', at), eb('id', '<', before.id)])]),
      );
    }
    const rows = await query
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.max(0, limit))
      .execute();
    return rows.map(toSessionRow);
  }

  async countStartedPerBucket(from: Date, bucketMs: number, buckets: number): Promise<number[]> {
    const counts = Array.from({ length: Math.max(0, buckets) }, () => 0);
    if (counts.length === 0 || bucketMs <= 0) return counts;
    const start = from.getTime();
    // One range scan of sessions_started_at; the cast makes the division integral in both engines.
    const bucket = sql<number>`cast((started_at - ${start}) / ${bucketMs} as bigint)`;
    const rows = await this.db
      .selectFrom('sessions')
      .select((eb) => [bucket.as('bucket'), eb.fn.countAll().as('n')])
      .where('started_at', '>=', start)
      .where('started_at', '<', start + bucketMs * counts.length)
      // By the output name: PostgreSQL would not see two bound copies of the expression as one.
      .groupBy(sql`bucket`)
      .execute();
    for (const raw of rows) {
      const row = parseRow('sessions', bucketCountSchema, raw);
      if (row.bucket >= 0 && row.bucket < counts.length) counts[row.bucket] = row.n;
    }
    return counts;
  }

  async listRecent(limit: number): Promise<SessionRow[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .selectAll()
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.max(0, limit))
      .execute();
    return rows.map(toSessionRow);
  }
}
