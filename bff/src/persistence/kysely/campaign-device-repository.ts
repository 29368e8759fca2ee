// Each device's part in a campaign (protocol §11), and the batched reads the campaign step and the
// preview judge devices by. Every batch is one statement over at most 1,000 devices whose SQL text
// does not depend on the row count (rowsTable); moves are conditional on the device's state.
import {
  campaignDeviceReasonSchema,
  campaignDeviceStateSchema,
  campaignStateSchema,
  commandFailureReasonSchema,
  commandStateSchema,
} from '@dmc/shared/api';
import type { CampaignDeviceState } from '@dmc/shared/api';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type {
  AlertWindow,
  CampaignDeviceFacts,
  CampaignDeviceOutcome,
  CampaignDeviceRepository,
  CampaignDeviceRow,
  CommandOutcomeRow,
  NewCampaignMember,
  OperationOutcomeRow,
} from '../ports';
import { countAlertsIn } from './campaign-device-batches';
import { rowsTable, type Engine } from './dialect';
import { epochMsColumn, intColumn, jsonColumn, nullableEpochMsColumn, parseRow } from './row-codecs';
import type { Database } from './schema';

const deviceRecordSchema = z.object({
  campaign_id: z.string(),
  dev_id: z.string(),
  wave: intColumn.nullable(),
  state: campaignDeviceStateSchema,
  command_id: z.string().nullable(),
  operation_id: z.string().nullable(),
  sc: intColumn.nullable(),
  reason: campaignDeviceReasonSchema.nullable(),
  detail: z.string().nullable(),
  started_at: nullableEpochMsColumn,
  finished_at: nullableEpochMsColumn,
  updated_at: epochMsColumn,
});

function toDeviceRow(raw: unknown): CampaignDeviceRow {
  const r = parseRow('campaign_devices', deviceRecordSchema, raw);
  return {
    campaignId: r.campaign_id,
    devId: r.dev_id,
    wave: r.wave,
    state: r.state,
    commandId: r.command_id,
    operationId: r.operation_id,
    sc: r.sc,
    reason: r.reason,
    detail: r.detail,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    updatedAt: r.updated_at,
  };
}

const countSchema = z.object({ state: campaignDeviceStateSchema, n: intColumn });
const devIdSchema = z.object({ dev_id: z.string() });
const canarySchema = jsonColumn(z.object({ canary: z.number() }));
const holderSchema = z.object({ dev_id: z.string(), id: z.string(), name: z.string() });
const nSchema = z.object({ n: intColumn.nullable() });
const factsSchema = z.object({
  dev_id: z.string(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  hw_version: z.string().nullable(),
  fw_version: z.string().nullable(),
});
const instanceSchema = z.object({ dev_id: z.string(), moid: z.string(), miid: z.string() });
const nodeSchema = instanceSchema.extend({ path: z.string() });
const commandOutcomeSchema = z.object({
  id: z.string(),
  state: commandStateSchema,
  sc: intColumn.nullable(),
  reason: commandFailureReasonSchema.nullable(),
});
const operationOutcomeSchema = z.object({
  id: z.string(),
  state: z.string(),
  result: jsonColumn(z.unknown()).nullable(),
});

const OPEN_STATES: readonly CampaignDeviceState[] = ['pending', 'running'];

export class KyselyCampaignDeviceRepository implements CampaignDeviceRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
  ) {}

  /**
   * `campaign_devices.campaign_id = <id>` in the updates that join a batch of devices (k). SQLite must
   * walk the batch and look each device up by dev_id; left to itself it walks the campaign's rows
   * through the (campaign_id, state) index and scans the whole batch for each, which took seconds
   * per 1,000 devices of a 10,000-device campaign, holding the event loop. The unary + keeps that
   * term off the indexes; PostgreSQL plans the join itself (and has no unary + for text).
   */
  private ofCampaign(campaignId: string) {
    return this.engine === 'sqlite'
      ? sql`+campaign_devices.campaign_id = ${campaignId}`
      : sql`campaign_devices.campaign_id = ${campaignId}`;
  }

  private ids(devIds: readonly string[]) {
    return rowsTable(
      this.engine,
      'k',
      [{ name: 'dev_id', type: 'text' }],
      devIds.map((d) => [d]),
    );
  }

  async addMembers(campaignId: string, members: readonly NewCampaignMember[], at: Date): Promise<number> {
    if (members.length === 0) return 0;
    const rows = rowsTable(
      this.engine,
      'k',
      [
        { name: 'dev_id', type: 'text' },
        { name: 'state', type: 'text' },
        { name: 'reason', type: 'text' },
        { name: 'detail', type: 'text' },
      ],
      members.map((m) => [m.devId, m.state, m.reason, m.detail]),
    );
    const time = sql`cast(${at.getTime()} as bigint)`;
    const finished = sql`case when k.state = 'skipped' then ${time} else null end`;
    // `where true`: SQLite reads ON CONFLICT as the upsert's, not the join's.
    const { rows: inserted } = await sql`insert into campaign_devices
      (campaign_id, dev_id, wave, state, command_id, operation_id, sc, reason, detail, started_at,
       finished_at, updated_at)
      select ${campaignId}, k.dev_id, null, k.state, null, null, null, k.reason, k.detail, null,
        ${finished}, ${time} from ${rows} where true
      on conflict (campaign_id, dev_id) do nothing returning dev_id`.execute(this.db);
    return inserted.length;
  }

  async countByState(campaignId: string): Promise<Partial<Record<CampaignDeviceState, number>>> {
    const rows = await this.db
      .selectFrom('campaign_devices')
      .select((eb) => ['state', eb.fn.countAll().as('n')])
      .where('campaign_id', '=', campaignId)
      .groupBy('state')
      .execute();
    const counts: Partial<Record<CampaignDeviceState, number>> = {};
    for (const raw of rows) {
      const { state, n } = parseRow('campaign_devices', countSchema, raw);
      counts[state] = n;
    }
    return counts;
  }

  async list(
    campaignId: string,
    query: Parameters<CampaignDeviceRepository['list']>[1],
  ): Promise<CampaignDeviceRow[]> {
    let select = this.db.selectFrom('campaign_devices').selectAll().where('campaign_id', '=', campaignId);
    if (query.state !== undefined) select = select.where('state', '=', query.state);
    if (query.wave !== undefined) select = select.where('wave', '=', query.wave);
    if (query.afterDevId !== undefined) select = select.where('dev_id', '>', query.afterDevId);
    const rows = await select.orderBy('dev_id', 'asc').limit(Math.max(0, query.limit)).execute();
    return rows.map(toDeviceRow);
  }

  async countOpenInWave(campaignId: string, wave: number): Promise<number> {
    const row = await this.db
      .selectFrom('campaign_devices')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('campaign_id', '=', campaignId)
      .where('wave', '=', wave)
      .where('state', 'in', [...OPEN_STATES])
      .executeTakeFirstOrThrow();
    return parseRow('campaign_devices', nSchema, row).n ?? 0;
  }

  async assignWaves(
    campaignId: string,
    assignments: readonly { devId: string; wave: number }[],
  ): Promise<void> {
    if (assignments.length === 0) return;
    const rows = rowsTable(
      this.engine,
      'k',
      [
        { name: 'dev_id', type: 'text' },
        { name: 'wave', type: 'bigint' },
      ],
      assignments.map((a) => [a.devId, a.wave]),
    );
    await sql`update campaign_devices set wave = k.wave from ${rows}
      where ${this.ofCampaign(campaignId)} and campaign_devices.dev_id = k.dev_id
        and campaign_devices.wave is null`.execute(this.db);
  }

  async markRunning(
    campaignId: string,
    started: Parameters<CampaignDeviceRepository['markRunning']>[1],
    at: Date,
  ): Promise<string[]> {
    if (started.length === 0) return [];
    const rows = rowsTable(
      this.engine,
      'k',
      [
        { name: 'dev_id', type: 'text' },
        { name: 'command_id', type: 'text' },
        { name: 'operation_id', type: 'text' },
      ],
      started.map((s) => [s.devId, s.commandId, s.operationId]),
    );
    const { rows: moved } = await sql`update campaign_devices set state = 'running',
      command_id = k.command_id, operation_id = k.operation_id, started_at = ${at.getTime()},
      updated_at = ${at.getTime()} from ${rows}
      where ${this.ofCampaign(campaignId)} and campaign_devices.dev_id = k.dev_id
        and campaign_devices.state = 'pending'
      returning campaign_devices.dev_id`.execute(this.db);
    return moved.map((r) => parseRow('campaign_devices', devIdSchema, r).dev_id);
  }

  async markDone(campaignId: string, devIds: readonly string[], at: Date): Promise<string[]> {
    if (devIds.length === 0) return [];
    const { rows: moved } = await sql`update campaign_devices set state = 'ok',
      started_at = ${at.getTime()}, finished_at = ${at.getTime()}, updated_at = ${at.getTime()}
      from ${this.ids(devIds)}
      where ${this.ofCampaign(campaignId)} and campaign_devices.dev_id = k.dev_id
        and campaign_devices.state = 'pending'
      returning campaign_devices.dev_id`.execute(this.db);
    return moved.map((r) => parseRow('campaign_devices', devIdSchema, r).dev_id);
  }

  async finish(campaignId: string, outcomes: readonly CampaignDeviceOutcome[], at: Date): Promise<number> {
    if (outcomes.length === 0) return 0;
    const rows = rowsTable(
      this.engine,
      'k',
      [
        { name: 'dev_id', type: 'text' },
        { name: 'state', type: 'text' },
        { name: 'sc', type: 'bigint' },
        { name: 'reason', type: 'text' },
        { name: 'detail', type: 'text' },
      ],
      outcomes.map((o) => [o.devId, o.state, o.sc, o.reason, o.detail]),
    );
    const { rows: moved } = await sql`update campaign_devices set state = k.state, sc = k.sc,
      reason = k.reason, detail = k.detail, finished_at = ${at.getTime()}, updated_at = ${at.getTime()}
      from ${rows}
      where ${this.ofCampaign(campaignId)} and campaign_devices.dev_id = k.dev_id
        and campaign_devices.state = 'running'
      returning campaign_devices.dev_id`.execute(this.db);
    return moved.length;
  }

  async cancelOpen(campaignId: string, limit: number, at: Date): Promise<CampaignDeviceRow[]> {
    const open = await this.db
      .selectFrom('campaign_devices')
      .select('dev_id')
      .where('campaign_id', '=', campaignId)
      .where('state', 'in', [...OPEN_STATES])
      .orderBy('dev_id', 'asc')
      .limit(Math.max(0, limit))
      .execute();
    if (open.length === 0) return [];
    const { rows } = await sql`update campaign_devices set state = 'cancelled', reason = 'cancelled',
      finished_at = ${at.getTime()}, updated_at = ${at.getTime()}
      from ${this.ids(open.map((r) => r.dev_id))}
      where ${this.ofCampaign(campaignId)} and campaign_devices.dev_id = k.dev_id
        and campaign_devices.state in ('pending', 'running')
      returning campaign_devices.campaign_id, campaign_devices.dev_id, campaign_devices.wave, campaign_devices.state, campaign_devices.command_id, campaign_devices.operation_id, campaign_devices.sc, campaign_devices.reason, campaign_devices.detail, campaign_devices.started_at, campaign_devices.finished_at, campaign_devices.updated_at`.execute(
      this.db,
    );
    return rows.map(toDeviceRow);
  }

  async holders(devIds: readonly string[], conflictKey: string, exceptCampaignId: string) {
    if (devIds.length === 0) return [];
    const { rows } = await sql`select distinct d.dev_id, c.id, c.name from ${this.ids(devIds)}
      join campaign_devices as d on d.dev_id = k.dev_id
      join campaigns as c on c.id = d.campaign_id
      where c.id <> ${exceptCampaignId} and c.conflict_key = ${conflictKey}
        and c.state in ('running', 'paused', 'awaiting-approval')
        and d.state in ('pending', 'running')
      order by d.dev_id, c.id`.execute(this.db);
    return rows.map((raw) => {
      const r = parseRow('campaign_devices', holderSchema, raw);
      return { devId: r.dev_id, campaignId: r.id, campaignName: r.name };
    });
  }

  async nonMembers(campaignId: string, devIds: readonly string[]) {
    if (devIds.length === 0) return [];
    const { rows } = await sql`select k.dev_id from ${this.ids(devIds)}
      where not exists (select 1 from campaign_devices as d
        where d.campaign_id = ${campaignId} and d.dev_id = k.dev_id)
      order by k.dev_id`.execute(this.db);
    return rows.map((r) => parseRow('campaign_devices', devIdSchema, r).dev_id);
  }

  async listForDevice(devId: string, limit: number) {
    const rows = await this.db
      .selectFrom('campaign_devices as d')
      .innerJoin('campaigns as c', 'c.id', 'd.campaign_id')
      .selectAll('d')
      .select(['c.name as campaign_name', 'c.state as campaign_state', 'c.wave_spec as wave_spec'])
      .where('d.dev_id', '=', devId)
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(Math.max(0, limit))
      .execute();
    return rows.map((raw) => ({
      ...toDeviceRow(raw),
      campaignName: z.string().parse(raw.campaign_name),
      campaignState: campaignStateSchema.parse(raw.campaign_state),
      hasCanary: canarySchema.parse(raw.wave_spec).canary > 0,
    }));
  }

  async deviceFacts(devIds: readonly string[]): Promise<CampaignDeviceFacts[]> {
    if (devIds.length === 0) return [];
    const { rows } = await sql`select v.dev_id, v.manufacturer, v.model, v.hw_version, v.fw_version
      from ${this.ids(devIds)} cross join devices as v where v.dev_id = k.dev_id
      order by v.dev_id`.execute(this.db);
    return rows.map((raw) => {
      const r = parseRow('devices', factsSchema, raw);
      return { devId: r.dev_id, Man: r.manufacturer, Mod: r.model, HwV: r.hw_version, FwV: r.fw_version };
    });
  }

  async instancesOf(devIds: readonly string[], moids: readonly string[]) {
    if (devIds.length === 0 || moids.length === 0) return [];
    const rows = await this.db
      .selectFrom('mo_instances')
      .select(['dev_id', 'moid', 'miid'])
      .where('dev_id', 'in', [...devIds])
      .where('moid', 'in', [...moids])
      .execute();
    return rows.map((raw) => {
      const r = parseRow('mo_instances', instanceSchema, raw);
      return { devId: r.dev_id, moid: r.moid, miid: r.miid };
    });
  }

  async nodesOf(devIds: readonly string[], moids: readonly string[]) {
    if (devIds.length === 0 || moids.length === 0) return [];
    const rows = await this.db
      .selectFrom('tree_nodes')
      .select(['dev_id', 'moid', 'miid', 'path'])
      .where('dev_id', 'in', [...devIds])
      .where('moid', 'in', [...moids])
      .execute();
    return rows.map((raw) => {
      const r = parseRow('tree_nodes', nodeSchema, raw);
      return { devId: r.dev_id, moid: r.moid, miid: r.miid, path: r.path };
    });
  }

  async commandOutcomes(ids: readonly string[]): Promise<CommandOutcomeRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('commands')
      .select(['id', 'state', 'sc', 'reason'])
      .where('id', 'in', [...ids])
      .execute();
    return rows.map((raw) => parseRow('commands', commandOutcomeSchema, raw));
  }

  async operationOutcomes(ids: readonly string[]): Promise<OperationOutcomeRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('operations')
      .select(['id', 'state', 'result'])
      .where('id', 'in', [...ids])
      .execute();
    return rows.map((raw) => parseRow('operations', operationOutcomeSchema, raw));
  }

  countAlerts(windows: readonly AlertWindow[]): Promise<number> {
    return countAlertsIn(this.db, this.engine, windows);
  }
}
