import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type {
  SessionLogRepository,
  SessionPackageCounts,
  SessionPackageInsert,
  SessionPackageKind,
  SessionPackageRow,
} from '../ports';
import { preparedQuery } from './prepared-query';
import { epochMsColumn, parseRow } from './row-codecs';
import type { Database } from './schema';
import type { SessionPackagesTable } from './session-packages-table';

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

type PackageValues = Omit<SessionPackagesTable, 'seq'>;
type PairValues = { [K in keyof PackageValues as `${K}0` | `${K}1`]: PackageValues[K] };
const COLUMNS: readonly (keyof PackageValues)[] = [
  'session_id',
  'dev_id',
  'kind',
  'at',
  'status',
  'duration_ms',
  'command_id',
  'commands',
  'body',
  'body_bytes',
  'truncated',
];

function valuesOf(row: SessionPackageInsert): PackageValues {
  return {
    session_id: row.sessionId,
    dev_id: row.devId,
    kind: row.kind,
    at: row.at.getTime(),
    status: row.status,
    duration_ms: Math.max(0, Math.round(row.durationMs)),
    command_id: row.commandId,
    commands: row.commands,
    body: row.body,
    body_bytes: row.bodyBytes,
    truncated: row.truncated ? 1 : 0,
  };
}

// The DM path writes one package, or a package and its P2, per transaction: both statements are
// compiled once (prepared-query.ts).
/** The columns of row `suffix` of the stand-ins, named one by one (a proxy has no keys to list). */
function rowOf(v: object, suffix: string): PackageValues {
  const values = v as Record<string, unknown>;
  return Object.fromEntries(COLUMNS.map((c) => [c, values[`${c}${suffix}`]])) as unknown as PackageValues;
}

const insertOne = preparedQuery((db, v: PackageValues) =>
  db.insertInto('session_packages').values(rowOf(v, '')),
);
const insertPair = preparedQuery((db, v: PairValues) =>
  db.insertInto('session_packages').values([rowOf(v, '0'), rowOf(v, '1')]),
);

function pairValues(first: SessionPackageInsert, second: SessionPackageInsert): PairValues {
  const pair: Record<string, unknown> = {};
  for (const [i, row] of [first, second].entries()) {
    const values = valuesOf(row);
    for (const c of COLUMNS) pair[`${c}${i}`] = values[c];
  }
  return pair as PairValues;
}

export class KyselySessionLogRepository implements SessionLogRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async add(rows: readonly SessionPackageInsert[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 2) {
      const [first, second] = [rows[i]!, rows[i + 1]];
      if (second === undefined) await insertOne(this.db, valuesOf(first));
      else await insertPair(this.db, pairValues(first, second));
    }
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
