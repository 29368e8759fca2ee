// The campaign tables (migration 0022) as Kysely sees them; see schema.ts.

export interface CampaignsTable {
  id: string;
  name: string;
  state: string;
  query: string | null;
  /** JSON string[], for a campaign over named devices. */
  dev_ids: string | null;
  dev_ids_count: number | null;
  /** JSON CampaignAction. */
  action: string;
  conflict_key: string | null;
  /** JSON WaveSpec. */
  wave_spec: string;
  error_threshold_pct: number;
  /** JSON HealthGate, or NULL. */
  health_gate: string | null;
  dynamic: number;
  approval_required: number;
  bulk: number;
  paused_reason: string | null;
  created_by: string;
  approved_by: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  version: number;
  membership_cursor: string | null;
  membership_done: number;
  waves_planned: number;
  accepted_failures: number;
  settled: number;
  dynamic_checked_at: number | null;
  /** The saved view the query was copied from, by its name then (0026). */
  view_name: string | null;
}

export interface CampaignWavesTable {
  campaign_id: string;
  n: number;
  size: number;
  state: string;
  started_at: number | null;
  gate_until: number | null;
  finished_at: number | null;
  gate_reason: string | null;
}

export interface CampaignDevicesTable {
  campaign_id: string;
  dev_id: string;
  wave: number | null;
  state: string;
  command_id: string | null;
  operation_id: string | null;
  sc: number | null;
  reason: string | null;
  detail: string | null;
  started_at: number | null;
  finished_at: number | null;
  updated_at: number;
}
