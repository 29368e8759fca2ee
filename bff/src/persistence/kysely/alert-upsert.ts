// Storing alerts with coalescing (protocol §13): identical alerts of a device that is still open fold
// into one row. Alerts of one call are grouped here first (one row per kind), then written with one
// INSERT … ON CONFLICT DO UPDATE per chunk, whose conflict target is the unique index over the open
// rows' (dev_id, coalesce_key) (migration 0025): however many instances store the same alert at
// once, one open row exists and its count is the sum. A package's statement (up to 32 kinds of
// alert) is compiled once per row count; Kysely building 20 rows each time was a tenth of the
// server's CPU at full alert speed (BENCHMARKS.md, benchmark 3).
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { NewAlertRow } from '../ports';
import { chunksOf, toJsonOrNull } from './query-helpers';
import { preparedQuery } from './prepared-query';
import type { AlertsTable, Database } from './schema';

/** Every column of a row to write. */
type AlertValues = Omit<AlertsTable, 'count' | 'session_start'> & { count: number; session_start: number };

/** Columns bound per row, for chunking. */
const ALERT_COLUMNS = 16;

/** The coalescing key: type, source and mark; the data may differ between occurrences. */
export function coalesceKeyOf(alert: Pick<NewAlertRow, 'alertType' | 'sourceUri' | 'mark'>): string {
  return createHash('sha256')
    .update(JSON.stringify([alert.alertType, alert.sourceUri, alert.mark]))
    .digest('hex');
}

/** One row to write: the alerts of one kind in this call, folded. */
export interface AlertGroup {
  values: AlertValues;
  occurrences: number;
}

function toValues(alert: NewAlertRow, count: number, firstAt: Date): AlertValues {
  const sessionStart = alert.sessionStart ?? false;
  return {
    id: alert.id,
    dev_id: alert.devId,
    session_id: alert.sessionId,
    alert_type: alert.alertType,
    source_uri: alert.sourceUri,
    target_uri: alert.targetUri,
    mark: alert.mark,
    data_type: alert.dataType,
    data: toJsonOrNull(alert.data),
    received_at: alert.receivedAt.getTime(),
    acknowledged_at: alert.acknowledgedAt?.getTime() ?? null,
    acknowledged_by: alert.acknowledgedBy,
    count,
    first_at: firstAt.getTime(),
    session_start: sessionStart ? 1 : 0,
    coalesce_key: sessionStart ? null : coalesceKeyOf(alert),
  };
}

/**
 * Folds the open, non-session-start alerts of one device and kind into one row each (the latest
 * arrival's data, the earliest first time, the summed count); others stay one row each. Linear.
 */
export function groupAlerts(alerts: readonly NewAlertRow[]): AlertGroup[] {
  const groups: AlertGroup[] = [];
  const byKey = new Map<string, AlertGroup>();
  for (const alert of alerts) {
    const count = alert.count ?? 1;
    const firstAt = alert.firstAt ?? alert.receivedAt;
    const values = toValues(alert, count, firstAt);
    if (values.coalesce_key === null || values.acknowledged_at !== null) {
      groups.push({ values, occurrences: count });
      continue;
    }
    const key = `${values.dev_id}\u0000${values.coalesce_key}`;
    const group = byKey.get(key);
    if (group === undefined) {
      const fresh = { values, occurrences: count };
      byKey.set(key, fresh);
      groups.push(fresh);
      continue;
    }
    const old = group.values;
    const latest = values.received_at >= old.received_at ? values : old;
    group.values = {
      ...latest,
      id: old.id,
      count: old.count + count,
      first_at: Math.min(old.first_at, values.first_at),
    };
    group.occurrences += count;
  }
  return groups;
}

/** A column of the stored row, or of the arriving one when that arrived later. */
function latest<T>(column: string): RawBuilder<T> {
  return sql<T>`case when excluded.received_at >= alerts.received_at then ${sql.ref(`excluded.${column}`)} else ${sql.ref(`alerts.${column}`)} end`;
}

function upsert(db: Kysely<Database>, values: AlertValues | AlertValues[]) {
  return db
    .insertInto('alerts')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['dev_id', 'coalesce_key'])
        .where('acknowledged_at', 'is', null)
        .doUpdateSet((eb) => ({
          count: eb('alerts.count', '+', eb.ref('excluded.count')),
          first_at: sql<number>`case when excluded.first_at < alerts.first_at then excluded.first_at else alerts.first_at end`,
          received_at: sql<number>`case when excluded.received_at > alerts.received_at then excluded.received_at else alerts.received_at end`,
          session_id: latest<string | null>('session_id'),
          target_uri: latest<string | null>('target_uri'),
          data_type: latest<string | null>('data_type'),
          data: latest<string | null>('data'),
        })),
    )
    .returningAll();
}

const COLUMNS = [
  'id',
  'dev_id',
  'session_id',
  'alert_type',
  'source_uri',
  'target_uri',
  'mark',
  'data_type',
  'data',
  'received_at',
  'acknowledged_at',
  'acknowledged_by',
  'count',
  'first_at',
  'session_start',
  'coalesce_key',
] as const satisfies readonly (keyof AlertValues)[];

/** Packages with up to this many kinds of alert use a statement compiled once per row count. */
const PREPARED_MAX_ROWS = 32;

/** Row after row, each row's columns in COLUMNS order: array indexes are the cheapest names. */
type FlatValues = unknown[];

/** The upsert of `rows` rows; value `r * COLUMNS.length + c` is column c of row r. */
function preparedUpsert(rows: number) {
  return preparedQuery((db, v: FlatValues) =>
    upsert(
      db,
      Array.from({ length: rows }, (_, r) => {
        const row: Record<string, unknown> = {};
        COLUMNS.forEach((column, c) => (row[column] = v[r * COLUMNS.length + c]));
        return row as AlertValues;
      }),
    ),
  );
}

/** Built on first use: one compiled statement per row count (1…PREPARED_MAX_ROWS). */
const preparedByRows = new Map<number, ReturnType<typeof preparedUpsert>>();

function flatValues(groups: readonly AlertGroup[]): FlatValues {
  const flat: FlatValues = [];
  for (const { values } of groups) for (const column of COLUMNS) flat.push(values[column]);
  return flat;
}

/** Writes the groups, one statement per chunk; returns the rows as stored, in no particular order. */
export async function upsertGroups(db: Kysely<Database>, groups: readonly AlertGroup[]): Promise<unknown[]> {
  if (groups.length === 0) return [];
  if (groups.length <= PREPARED_MAX_ROWS) {
    let prepared = preparedByRows.get(groups.length);
    if (prepared === undefined) {
      prepared = preparedUpsert(groups.length);
      preparedByRows.set(groups.length, prepared);
    }
    return (await prepared(db, flatValues(groups))).rows;
  }
  const stored: unknown[] = [];
  for (const chunk of chunksOf(groups, ALERT_COLUMNS)) {
    stored.push(
      ...(await upsert(
        db,
        chunk.map((g) => g.values),
      ).execute()),
    );
  }
  return stored;
}
