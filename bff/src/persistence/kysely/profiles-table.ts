// The profiles and profile_devices tables (migration 0028) as Kysely sees them; schema.ts puts them
// in the Database.

/** Configuration profiles (protocol §14). */
export interface ProfilesTable {
  id: string;
  name: string;
  /** The name lower-cased; unique. */
  name_key: string;
  query: string;
  priority: number;
  /** JSON ProfileNode[]. */
  nodes: string;
  /** JSON ProfileExec[]. */
  execs: string;
  /** 1 or 0. */
  enabled: number;
  drift_retries: number;
  revision: number;
  created_by: string;
  created_at: number;
  updated_at: number;
}

/** One device's state for one profile; (profile_id, dev_id) is the key. */
export interface ProfileDevicesTable {
  profile_id: string;
  dev_id: string;
  /** verified | pending | failed | conflicted */
  status: string;
  reason: string | null;
  /** JSON ProfileNodeProgress[]. */
  nodes: string;
  /** JSON ProfileExecProgress[]. */
  execs: string;
  revision: number;
  /** Epoch ms the row was first inserted (the membership's epoch); kept by every later write. */
  since: number;
  updated_at: number;
}
