// Table shapes as Kysely sees them. Times are BIGINT epoch milliseconds and JSON is text in both
// engines (see dialect.ts); repositories map these records to the port rows.
import type { Generated, GeneratedAlways } from 'kysely';
import type { SessionPackagesTable } from './session-packages-table';
import type { TreeHistoryHorizonsTable, TreeHistoryTable } from './schema-tree-history';
import type { SavedViewsTable } from './saved-views-table';
import type { ProfileDevicesTable, ProfilesTable } from './profiles-table';
import type { CampaignDevicesTable, CampaignsTable, CampaignWavesTable } from './schema-campaigns';

export interface UsersTable {
  username: string;
  password_hash: string;
  role: string;
  created_at: number;
  /** 0 or 1; 0 when left out. */
  disabled: Generated<number>;
  last_login_at: number | null;
}

export interface ApiTokensTable {
  token_hash: string;
  /** Public id (migration 0019); unique. */
  id: string;
  /** 'session' (a sign-in) or 'api' (an API token). */
  kind: string;
  /** A session's transport: 'cookie' or 'bearer'; null for API tokens. */
  via: string | null;
  name: string | null;
  role: string | null;
  username: string;
  created_at: number;
  last_used_at: number | null;
  expires_at: number;
  user_agent: string | null;
  address: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface DevicesTable {
  dev_id: string;
  /** JSON string[]; mirrored in device_labels for filtering. */
  labels: string;
  push_url: string | null;
  created_at: number;
  last_seen_at: number | null;
  manufacturer: string | null;
  model: string | null;
  fw_version: string | null;
  sw_version: string | null;
  /** Sort keys of fw_version and sw_version (0020, shared/src/firmware/version-order.ts). */
  fw_version_key: string | null;
  sw_version_key: string | null;
  hw_version: string | null;
  dev_type: string | null;
  lang: string | null;
  dm_version: string | null;
  oem: string | null;
  dev_info_at: number | null;
  basic_verifier: string;
  digest_ha1_md5: string;
  digest_ha1_sha256: string;
  notify_secret_enc: string | null;
}

export interface DeviceLabelsTable {
  dev_id: string;
  label: string;
}

export interface MoInstancesTable {
  dev_id: string;
  moid: string;
  miid: string;
  ddf: string | null;
}

export interface TreeNodesTable {
  dev_id: string;
  moid: string;
  miid: string;
  path: string;
  value: string | null;
  /** The value as a number, NULL when it is none (tree-value-number.ts; migration 0027). */
  value_num: number | null;
  format: string;
  reported_at: number;
}

export interface SessionsTable {
  id: string;
  token: string;
  dev_id: string;
  status: string;
  /** JSON of the session machine's state. */
  state: string;
  version: number;
  started_at: number;
  updated_at: number;
  expires_at: number;
  ended_at: number | null;
}

export interface CommandsTable {
  /** Auto-increment primary key: the global insertion order. */
  seq: Generated<number>;
  id: string;
  dev_id: string;
  /** JSON string[]. */
  command: string;
  state: string;
  sc: number | null;
  /** JSON, or NULL for no result. */
  result: string | null;
  session_id: string | null;
  job_token: string | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
  expires_at: number | null;
  /** How many P2s carried the command (migration 0013). */
  deliveries: Generated<number>;
  /** Why the server ended the command, e.g. `no-status` (migration 0013). */
  reason: string | null;
  /** Username of who queued it; NULL when the server did (migration 0017). */
  created_by: Generated<string | null>;
  /** The wire command's name (its first element), generated from `command` (migration 0021). */
  command_name: GeneratedAlways<string | null>;
}

export interface AlertsTable {
  id: string;
  dev_id: string;
  session_id: string | null;
  alert_type: string;
  source_uri: string | null;
  target_uri: string | null;
  mark: string | null;
  data_type: string | null;
  /** JSON object, or NULL. */
  data: string | null;
  received_at: number;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  /** Occurrences coalesced into the row (migration 0025). */
  count: Generated<number>;
  /** When the first occurrence arrived, epoch ms (migration 0025). */
  first_at: number;
  /** 1 for a session-start alert (migration 0025). */
  session_start: Generated<number>;
  /** SHA-256 of type, source and mark; NULL for session-start alerts (migration 0025). */
  coalesce_key: string | null;
}

export interface DrObjectsTable {
  id: string;
  dev_id: string;
  command_id: string | null;
  content_type: string;
  body: string;
  created_at: number;
  expires_at: number | null;
}

export interface DrInboxesTable {
  token: string;
  dev_id: string;
  command_id: string | null;
  kind: string;
  client_uri: string | null;
  created_at: number;
  expires_at: number | null;
  uploads: number;
  last_upload_at: number | null;
}

/** Failed authentications per key within a window (protocol §7, §10). */
export interface AuthFailuresTable {
  /** `user`, `address` or `device`. */
  scope: string;
  key: string;
  failures: number;
  window_start: number;
}

export interface DigestNoncesTable {
  nonce: string;
  /** Highest nonce count accepted so far. */
  nc: number;
  expires_at: number;
}

export interface NotificationsTable {
  id: string;
  dev_id: string;
  notification_id: number;
  state: string;
  reason: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: number | null;
  deadline: number;
  created_at: number;
  updated_at: number;
  answered_at: number | null;
  session_id: string | null;
}

export interface PageTemplatesTable {
  id: string;
  name: string;
  /** JSON PageSpec. */
  spec: string;
  created_at: number;
}

/** Device pages a SHOW opens; the table keeps its first name, `ui_pages`. */
export interface DevicePagesTable {
  token: string;
  dev_id: string;
  command_id: string;
  /** JSON PageSpec. */
  spec: string;
  form_secret: string;
  created_at: number;
  expires_at: number;
  answered_at: number | null;
  /** JSON PageAnswer, or NULL until answered. */
  answer: string | null;
}

export interface ArtifactsTable {
  id: string;
  name: string;
  version: string;
  moid: string | null;
  size: number;
  /** Lower-case hex SHA-256. */
  sha256: string;
  content_type: string;
  /** JSON ArtifactCompatibility, or NULL: fits every device (0020). */
  compatible: string | null;
  created_at: number;
}

export interface OperationsTable {
  id: string;
  dev_id: string;
  kind: string;
  artifact_id: string | null;
  /** JSON parameters of the kind. */
  params: string;
  state: string;
  /** JSON string[]. */
  command_ids: string;
  consent_command_id: string | null;
  /** JSON, or NULL for no result. */
  result: string | null;
  resume_at: number | null;
  /** The MIID worked on; unique per (dev_id, kind) among the operations not final (0020). */
  mo_instance: string | null;
  version: number;
  created_at: number;
  updated_at: number;
}

/** Leases on background work (0008): one holder at a time, lapsing at expires_at. */
export interface LeasesTable {
  name: string;
  holder: string;
  acquired_at: number;
  expires_at: number;
}

export interface MetadataDocumentsTable {
  moid: string;
  /** JSON MoMetadata. */
  document: string;
  source: 'ddf' | 'json';
  created_at: number;
  updated_at: number;
}

/** Refused contacts of registered devices (0014), the newest few per device. */
export interface DeviceRefusalsTable {
  seq: Generated<number>;
  id: string;
  dev_id: string;
  at: number;
  endpoint: string;
  status: number;
  code: string;
  reason: string;
  suppressed: number;
}

/** The hash-chained audit log (0017); rows are only ever inserted. */
export interface AuditLogTable {
  seq: number;
  at: number;
  actor: string;
  role: string;
  action: string;
  target: string;
  outcome: string;
  client: string;
  request_id: string;
  prev_hash: string;
  hash: string;
}

/** Campaigns (0022): one action over many devices, in waves (protocol §11). */
export interface Database {
  users: UsersTable;
  api_tokens: ApiTokensTable;
  settings: SettingsTable;
  devices: DevicesTable;
  device_labels: DeviceLabelsTable;
  mo_instances: MoInstancesTable;
  tree_nodes: TreeNodesTable;
  tree_history: TreeHistoryTable;
  tree_history_horizons: TreeHistoryHorizonsTable;
  sessions: SessionsTable;
  commands: CommandsTable;
  alerts: AlertsTable;
  dr_objects: DrObjectsTable;
  dr_inboxes: DrInboxesTable;
  digest_nonces: DigestNoncesTable;
  auth_failures: AuthFailuresTable;
  page_templates: PageTemplatesTable;
  ui_pages: DevicePagesTable;
  notifications: NotificationsTable;
  artifacts: ArtifactsTable;
  operations: OperationsTable;
  leases: LeasesTable;
  metadata_documents: MetadataDocumentsTable;
  device_refusals: DeviceRefusalsTable;
  session_packages: SessionPackagesTable;
  audit_log: AuditLogTable;
  campaigns: CampaignsTable;
  campaign_waves: CampaignWavesTable;
  campaign_devices: CampaignDevicesTable;
  saved_views: SavedViewsTable;
  profiles: ProfilesTable;
  profile_devices: ProfileDevicesTable;
}

export type { CampaignDevicesTable, CampaignsTable, CampaignWavesTable, SavedViewsTable };
