import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type {
  SessionLogRepository,
  SessionPackageCounts,
  SessionPackageInsert,
  SessionPackageKind,
  SessionPackageRow,
} from '../ports';
import { epochMsColumn, parseRow } from './row-codecs';
import type { Database } from './schema';

const KINDS = ['P0', 'P1', 'P2', 'P3', 'DR', 'UI'] as const satisfies readonly SessionPackageKind[];
const int = z.coerce.number().int();

const packageRowSchema = z.object({
  seq: int,
  session_id: z.string(),
  dev_id: z.string(),
  kind: z.enum(KINDS),
  at: epochMsColumn,
  status: int.nullable(),
  duration_ms: int,
  command_id: z.string().nullable(),
  commands: int,
  body: z.string(),
  body_bytes: int,
  truncated: int,
});

const countsRowSchema = z.object({ session_id: z.string(), packages: int, commands: int });

export class KyselySessionLogRepository implements SessionLogRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async add(rows: readonly SessionPackageInsert[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto('session_packages')
      .values(
        rows.map((r) => ({
          session_id: r.sessionId,
          dev_id: r.devId,
          kind: r.kind,
          at: r.at.getTime(),
          status: r.status,
          duration_ms: Math.max(0, Math.round(r.durationMs)),
          command_id: r.commandId,
          commands: r.commands,
          body: r.body,
          body_bytes: r.bodyBytes,
          truncated: r.truncated ? 1 : 0,
        })),
      )
      .execute();
  }

  async listBySession(sessionId: string): Promise<SessionPackageRow[]> {
    const rows = await this.db
      .selectFrom('session_packages')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('seq')
      .execute();
    return rows.map((raw) => {
      const r = parseRow('session_packages', packageRowSchema, raw);
      return {
        seq: r.seq,
        sessionId: r.session_id,
        devId: r.dev_id,
        kind: r.kind,
        at: r.at,
        status: r.status,
        durationMs: r.duration_ms,
        commandId: r.command_id,
        commands: r.commands,
        body: r.body,
        bodyBytes: r.body_bytes,
        truncated: r.truncated !== 0,
      };
    });
  }

  async countBySessions(sessionIds: readonly string[]): Promise<SessionPackageCounts[]> {
    if (sessionIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('session_packages')
      .select((eb) => [
        'session_id',
        eb.fn.countAll<number>().as('packages'),
        eb.fn.sum<number>('commands').as('commands'),
      ])
      .where('session_id', 'in', [...sessionIds])
      .groupBy('session_id')
      .execute();
    return rows.map((raw) => {
      const r = parseRow('session_packages', countsRowSchema, raw);
      return { sessionId: r.session_id, packages: r.packages, commands: r.commands };
    });
  }

  async removeOlderThan(before: Date, limit: number): Promise<number> {
    const batch = this.db
      .selectFrom('session_packages')
      .select('seq')
      .where('at', '<', before.getTime())
      .orderBy('at')
      .limit(limit);
    const result = await this.db.deleteFrom('session_packages').where('seq', 'in', batch).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async listDevicesAfter(afterDevId: string | null, limit: number): Promise<string[]> {
    let query = this.db
      .selectFrom('session_packages')
      .select('dev_id')
      .distinct()
      .orderBy('dev_id')
      .limit(limit);
    if (afterDevId !== null) query = query.where('dev_id', '>', afterDevId);
    const rows = await query.execute();
    return rows.map((r) => r.dev_id);
  }

  async keepNewestSessions(devIds: readonly string[], keep: number): Promise<number> {
    if (devIds.length === 0) return 0;
    const ids = sql.join(devIds.map((d) => sql`${d}`));
    // Sessions ranked per device by their last package, newest first; those past `keep` go.
    const result = await sql`
      delete from session_packages
      where dev_id in (${ids})
        and session_id in (
          select session_id from (
            select session_id,
              row_number() over (partition by dev_id order by max(seq) desc) as rank
            from session_packages
            where dev_id in (${ids})
            group by dev_id, session_id
          ) ranked
          where rank > ${keep}
        )`.execute(this.db);
    return Number(result.numAffectedRows ?? 0);
  }
}
