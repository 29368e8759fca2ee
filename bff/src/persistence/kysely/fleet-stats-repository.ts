import type { CommandState } from '@dmc/shared/api';
import { commandStateSchema } from '@dmc/shared/api';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { FleetStatsRepository } from '../ports';
import { intColumn, parseRow } from './row-codecs';
import type { Database } from './schema';

const countSchema = z.object({ n: intColumn });
const firmwareSchema = z.object({ fw_version: z.string().nullable(), n: intColumn });
const stateSchema = z.object({ state: commandStateSchema, n: intColumn });

/** Aggregates for the dashboard; each query is answered from an index (see migrations 0001, 0007). */
export class KyselyFleetStatsRepository implements FleetStatsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async countDevices(): Promise<number> {
    const row = await this.db
      .selectFrom('devices')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return parseRow('devices', countSchema, row).n;
  }

  async countSeenSince(since: Date): Promise<number> {
    const row = await this.db
      .selectFrom('devices')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('last_seen_at', '>=', since.getTime())
      .executeTakeFirstOrThrow();
    return parseRow('devices', countSchema, row).n;
  }

  async countByFirmware(limit: number): Promise<{ version: string | null; count: number }[]> {
    const rows = await this.db
      .selectFrom('devices')
      .select((eb) => ['fw_version', eb.fn.countAll().as('n')])
      .groupBy('fw_version')
      .orderBy('n', 'desc')
      // The engines sort NULL differently; put "not reported" last in both.
      .orderBy(sql`case when fw_version is null then 1 else 0 end`)
      .orderBy('fw_version', 'asc')
      .limit(Math.max(0, limit))
      .execute();
    return rows.map((raw) => {
      const row = parseRow('devices', firmwareSchema, raw);
      return { version: row.fw_version, count: row.n };
    });
  }

  async countCommandsByState(
    states: readonly CommandState[],
  ): Promise<{ state: CommandState; count: number }[]> {
    if (states.length === 0) return [];
    const rows = await this.db
      .selectFrom('commands')
      .select((eb) => ['state', eb.fn.countAll().as('n')])
      .where('state', 'in', [...states])
      .groupBy('state')
      .execute();
    return rows.map((raw) => {
      const row = parseRow('commands', stateSchema, raw);
      return { state: row.state, count: row.n };
    });
  }
}
