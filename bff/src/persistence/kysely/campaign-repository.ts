// Campaigns and their waves (protocol §11). Every change is conditional: a campaign on its version, a
// wave on its state, so concurrent steps cannot both win.
import {
  campaignActionSchema,
  campaignPauseReasonSchema,
  campaignStateSchema,
  healthGateSchema,
  waveSpecSchema,
  waveStateSchema,
} from '@dmc/shared/api';
import type { Kysely, Updateable } from 'kysely';
import { z } from 'zod';
import type { CampaignRepository, CampaignRow, CampaignWaveRow } from '../ports';
import { toJsonOrNull } from './query-helpers';
import { epochMsColumn, intColumn, jsonColumn, nullableEpochMsColumn, parseRow } from './row-codecs';
import type { CampaignWavesTable, CampaignsTable, Database } from './schema';

const flag = intColumn.transform((n) => n !== 0);

const campaignRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: campaignStateSchema,
  query: z.string().nullable(),
  view_name: z.string().nullable(),
  dev_ids: jsonColumn(z.array(z.string())).nullable(),
  action: jsonColumn(campaignActionSchema),
  conflict_key: z.string().nullable(),
  wave_spec: jsonColumn(waveSpecSchema),
  error_threshold_pct: z.coerce.number(),
  health_gate: jsonColumn(healthGateSchema).nullable(),
  dynamic: flag,
  approval_required: flag,
  bulk: flag,
  paused_reason: campaignPauseReasonSchema.nullable(),
  created_by: z.string(),
  approved_by: z.string().nullable(),
  created_at: epochMsColumn,
  started_at: nullableEpochMsColumn,
  finished_at: nullableEpochMsColumn,
  version: intColumn,
  membership_cursor: z.string().nullable(),
  membership_done: flag,
  waves_planned: flag,
  accepted_failures: intColumn,
  settled: flag,
  dynamic_checked_at: nullableEpochMsColumn,
});

function toCampaignRow(raw: unknown): CampaignRow {
  const r = parseRow('campaigns', campaignRecordSchema, raw);
  return {
    id: r.id,
    name: r.name,
    state: r.state,
    query: r.query,
    viewName: r.view_name,
    devIds: r.dev_ids,
    action: r.action,
    conflictKey: r.conflict_key,
    waveSpec: r.wave_spec,
    errorThresholdPct: r.error_threshold_pct,
    healthGate: r.health_gate,
    dynamic: r.dynamic,
    approvalRequired: r.approval_required,
    bulk: r.bulk,
    pausedReason: r.paused_reason,
    createdBy: r.created_by,
    approvedBy: r.approved_by,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    version: r.version,
    membershipCursor: r.membership_cursor,
    membershipDone: r.membership_done,
    wavesPlanned: r.waves_planned,
    acceptedFailures: r.accepted_failures,
    settled: r.settled,
    dynamicCheckedAt: r.dynamic_checked_at,
  };
}

function toRecord(row: CampaignRow): CampaignsTable {
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    query: row.query,
    view_name: row.viewName,
    dev_ids: toJsonOrNull(row.devIds),
    dev_ids_count: row.devIds?.length ?? null,
    action: JSON.stringify(row.action),
    conflict_key: row.conflictKey,
    wave_spec: JSON.stringify(row.waveSpec),
    error_threshold_pct: row.errorThresholdPct,
    health_gate: toJsonOrNull(row.healthGate),
    dynamic: row.dynamic ? 1 : 0,
    approval_required: row.approvalRequired ? 1 : 0,
    bulk: row.bulk ? 1 : 0,
    paused_reason: row.pausedReason,
    created_by: row.createdBy,
    approved_by: row.approvedBy,
    created_at: row.createdAt.getTime(),
    started_at: row.startedAt?.getTime() ?? null,
    finished_at: row.finishedAt?.getTime() ?? null,
    version: row.version,
    membership_cursor: row.membershipCursor,
    membership_done: row.membershipDone ? 1 : 0,
    waves_planned: row.wavesPlanned ? 1 : 0,
    accepted_failures: row.acceptedFailures,
    settled: row.settled ? 1 : 0,
    dynamic_checked_at: row.dynamicCheckedAt?.getTime() ?? null,
  };
}

const waveRecordSchema = z.object({
  campaign_id: z.string(),
  n: intColumn,
  size: intColumn,
  state: waveStateSchema,
  started_at: nullableEpochMsColumn,
  gate_until: nullableEpochMsColumn,
  finished_at: nullableEpochMsColumn,
  gate_reason: z.string().nullable(),
});

function toWaveRow(raw: unknown): CampaignWaveRow {
  const r = parseRow('campaign_waves', waveRecordSchema, raw);
  return {
    campaignId: r.campaign_id,
    n: r.n,
    size: r.size,
    state: r.state,
    startedAt: r.started_at,
    gateUntil: r.gate_until,
    finishedAt: r.finished_at,
    gateReason: r.gate_reason,
  };
}

const ms = (d: Date | null | undefined) => (d === undefined ? undefined : (d?.getTime() ?? null));

export class KyselyCampaignRepository implements CampaignRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(row: CampaignRow): Promise<void> {
    await this.db.insertInto('campaigns').values(toRecord(row)).execute();
  }

  async find(id: string): Promise<CampaignRow | undefined> {
    const row = await this.db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toCampaignRow(row);
  }

  async list(query: Parameters<CampaignRepository['list']>[0]): Promise<CampaignRow[]> {
    const { state, after } = query;
    let select = this.db.selectFrom('campaigns').selectAll();
    if (state !== undefined) select = select.where('state', '=', state);
    if (after !== undefined) {
      const at = after.createdAt.getTime();
      select = select.where((eb) =>
        eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', after.id)])]),
      );
    }
    const rows = await select
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.max(0, query.limit))
      .execute();
    return rows.map(toCampaignRow);
  }

  async update(row: CampaignRow): Promise<boolean> {
    // Compare-and-set on the version; the id and creation never change.
    const { id: _id, created_at: _createdAt, ...changes } = toRecord(row);
    const result = await this.db
      .updateTable('campaigns')
      .set(changes)
      .where('id', '=', row.id)
      .where('version', '=', row.version - 1)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async listActive(limit: number): Promise<CampaignRow[]> {
    const rows = await this.db
      .selectFrom('campaigns')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('state', 'in', ['running', 'paused']),
          eb.and([eb('state', '=', 'cancelled'), eb('settled', '=', 0)]),
        ]),
      )
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .limit(Math.max(0, limit))
      .execute();
    return rows.map(toCampaignRow);
  }

  async listWaves(campaignId: string): Promise<CampaignWaveRow[]> {
    const rows = await this.db
      .selectFrom('campaign_waves')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .orderBy('n', 'asc')
      .execute();
    return rows.map(toWaveRow);
  }

  async createWaves(waves: readonly CampaignWaveRow[]): Promise<void> {
    if (waves.length === 0) return;
    // At most MAX_CAMPAIGN_WAVES (1,000) waves of 8 columns: one statement.
    await this.db
      .insertInto('campaign_waves')
      .values(
        waves.map((w) => ({
          campaign_id: w.campaignId,
          n: w.n,
          size: w.size,
          state: w.state,
          started_at: ms(w.startedAt) ?? null,
          gate_until: ms(w.gateUntil) ?? null,
          finished_at: ms(w.finishedAt) ?? null,
          gate_reason: w.gateReason,
        })),
      )
      .onConflict((oc) => oc.columns(['campaign_id', 'n']).doNothing())
      .execute();
  }

  async transitionWave(
    campaignId: string,
    n: number,
    from: Parameters<CampaignRepository['transitionWave']>[2],
    to: Parameters<CampaignRepository['transitionWave']>[3],
  ): Promise<boolean> {
    if (from.length === 0) return false;
    const changes: Updateable<CampaignWavesTable> = { state: to.state };
    if (to.size !== undefined) changes.size = to.size;
    if (to.startedAt !== undefined) changes.started_at = ms(to.startedAt);
    if (to.gateUntil !== undefined) changes.gate_until = ms(to.gateUntil);
    if (to.finishedAt !== undefined) changes.finished_at = ms(to.finishedAt);
    if (to.gateReason !== undefined) changes.gate_reason = to.gateReason;
    const result = await this.db
      .updateTable('campaign_waves')
      .set(changes)
      .where('campaign_id', '=', campaignId)
      .where('n', '=', n)
      .where('state', 'in', [...from])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
