// Campaign rows as the API shows them (protocol §11).
import type { CampaignCounts, CampaignDevice, CampaignRecord, CampaignWave } from '@dmc/shared/api';
import type { CampaignDeviceRow, CampaignRow, CampaignWaveRow } from '../../persistence/ports';

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

export function toCounts(counts: Partial<Record<keyof CampaignCounts, number>>): CampaignCounts {
  return {
    pending: counts.pending ?? 0,
    running: counts.running ?? 0,
    ok: counts.ok ?? 0,
    failed: counts.failed ?? 0,
    skipped: counts.skipped ?? 0,
    cancelled: counts.cancelled ?? 0,
  };
}

export function toWave(row: CampaignWaveRow): CampaignWave {
  return {
    n: row.n,
    size: row.size,
    state: row.state,
    startedAt: iso(row.startedAt),
    gateUntil: iso(row.gateUntil),
    finishedAt: iso(row.finishedAt),
    gateReason: row.gateReason,
  };
}

export function toCampaignRecord(
  row: CampaignRow,
  waves: readonly CampaignWaveRow[],
  counts: CampaignCounts,
): CampaignRecord {
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    query: row.query,
    viewName: row.viewName,
    devIdCount: row.devIds?.length ?? null,
    action: row.action,
    waveSpec: row.waveSpec,
    waves: waves.map(toWave),
    errorThresholdPct: row.errorThresholdPct,
    healthGate: row.healthGate,
    dynamic: row.dynamic,
    approvalRequired: row.approvalRequired,
    counts,
    pausedReason: row.pausedReason,
    bulk: row.bulk,
    createdBy: row.createdBy,
    approvedBy: row.approvedBy,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  };
}

export function toCampaignDevice(row: CampaignDeviceRow): CampaignDevice {
  return {
    campaignId: row.campaignId,
    devId: row.devId,
    wave: row.wave,
    state: row.state,
    commandId: row.commandId,
    operationId: row.operationId,
    sc: row.sc,
    reason: row.reason,
    detail: row.detail,
    updatedAt: row.updatedAt.toISOString(),
  };
}
