// Records changes to a device's stored tree (protocol §13) inside the tree write's transaction: one
// INSERT per batch of up to NODE_BATCH changes, whose SQL text does not depend on the row count
// (ARCHITECTURE.md, invariant 14 and 29).
import { sql, type Kysely } from 'kysely';
import type { TreeChangeOp, TreeWriteCause } from '../ports';
import { rowsTable, type BatchColumn, type Engine } from './dialect';
import { executeConstantText } from './prepared-query';
import type { Database } from './schema';

/** One change about to be recorded. */
export interface HistoryEntry {
  moid: string;
  miid: string;
  path: string;
  op: TreeChangeOp;
  value: string | null;
  format: string | null;
  oldValue: string | null;
  oldFormat: string | null;
  /** When the write has no cause, its own time. */
  at: Date;
}

const HISTORY_COLUMNS: readonly BatchColumn[] = [
  { name: 'moid', type: 'text' },
  { name: 'miid', type: 'text' },
  { name: 'path', type: 'text' },
  { name: 'op', type: 'text' },
  { name: 'value', type: 'text' },
  { name: 'format', type: 'text' },
  { name: 'old_value', type: 'text' },
  { name: 'old_format', type: 'text' },
  { name: 'at', type: 'bigint' },
];

/** Writes one batch of changes (the caller keeps batches at NODE_BATCH) in one statement. */
export async function insertHistoryBatch(
  trx: Kysely<Database>,
  engine: Engine,
  devId: string,
  entries: readonly HistoryEntry[],
  cause: TreeWriteCause | undefined,
): Promise<void> {
  if (entries.length === 0) return;
  const rows = rowsTable(
    engine,
    'h',
    HISTORY_COLUMNS,
    entries.map((e) => [
      e.moid,
      e.miid,
      e.path,
      e.op,
      e.value,
      e.format,
      e.oldValue,
      e.oldFormat,
      (cause?.at ?? e.at).getTime(),
    ]),
  );
  await executeConstantText(
    trx,
    engine,
    sql`insert into tree_history
      (dev_id, moid, miid, path, op, value, format, old_value, old_format, at, source, session_id, command_id)
    select ${devId}, h.moid, h.miid, h.path, h.op, h.value, h.format, h.old_value, h.old_format,
      h.at, cast(${cause?.source ?? null} as text), cast(${cause?.sessionId ?? null} as text),
      cast(${cause?.commandId ?? null} as text)
    from ${rows}`,
  );
}

/** The entry recording that a stored node was deleted. */
export function deletionEntry(
  row: { moid: string; miid: string; path: string; value: string | null; format: string },
  at: Date,
): HistoryEntry {
  return {
    moid: row.moid,
    miid: row.miid,
    path: row.path,
    op: 'delete',
    value: null,
    format: null,
    oldValue: row.value,
    oldFormat: row.format,
    at,
  };
}
