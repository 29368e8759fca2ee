// Tables of the tree history (migration 0024, protocol §13).
import type { Generated } from 'kysely';

export interface TreeHistoryTable {
  id: Generated<number>;
  dev_id: string;
  moid: string;
  miid: string;
  path: string;
  op: string;
  value: string | null;
  format: string | null;
  old_value: string | null;
  old_format: string | null;
  at: number;
  source: string | null;
  session_id: string | null;
  command_id: string | null;
}

export interface TreeHistoryHorizonsTable {
  dev_id: string;
  horizon_at: number;
}
