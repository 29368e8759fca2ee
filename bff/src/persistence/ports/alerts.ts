// Alerts devices sent, and their acknowledgement in the console.
import type { AlertMark } from '@dmc/shared/protocol';

export interface AlertRow {
  id: string;
  devId: string;
  sessionId: string | null;
  alertType: string;
  sourceUri: string | null;
  targetUri: string | null;
  mark: AlertMark | null;
  dataType: string | null;
  data: Record<string, unknown> | null;
  receivedAt: Date;
  /** When a console user acknowledged it; null while it is open. */
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
}

export interface AlertListQuery {
  devId?: string;
  alertType?: string;
  mark?: AlertMark;
  /** Any of these marks. */
  marks?: readonly AlertMark[];
  /** Leaves out alerts of these types (e.g. the session alerts every P1 carries). */
  excludeTypes?: readonly string[];
  since?: Date;
  /** true: only unacknowledged alerts; false: only acknowledged ones. */
  open?: boolean;
  limit: number;
  /** Keyset: receivedAt and id of the last row of the previous page (newest first). */
  before?: { receivedAt: Date; id: string };
}

export interface AlertRepository {
  insert(alerts: AlertRow[]): Promise<void>;
  list(query: AlertListQuery): Promise<AlertRow[]>;
  find(id: string): Promise<AlertRow | undefined>;
  /**
   * Acknowledges those of `ids` that are still open; returns the rows it changed (an alert is
   * acknowledged once, by whoever was first).
   */
  acknowledge(ids: readonly string[], by: string, at: Date): Promise<AlertRow[]>;
  /** Unacknowledged alerts per mark, for alerts that have one; marks with none are left out. */
  countOpenByMark(): Promise<{ mark: AlertMark; count: number }[]>;
}
