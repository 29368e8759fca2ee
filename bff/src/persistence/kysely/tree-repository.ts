import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  NodeLimitError,
  type MoInstanceRow,
  type NodeChange,
  type TreeNodeRow,
  type TreeRepository,
  type TreeWriteCause,
} from '../ports';
import { rowsTable, type BatchColumn, type Engine } from './dialect';
import { chunksOf, inTransaction, nextTurn } from './query-helpers';
import { epochMsColumn, parseRow } from './row-codecs';
import type { Database } from './schema';
import { executeConstantText, preparedQuery } from './prepared-query';
import { deletionEntry, insertHistoryBatch, type HistoryEntry } from './tree-history-write';
import { treeValueNumber } from './tree-value-number';

const instanceRecordSchema = z.object({ moid: z.string(), miid: z.string(), ddf: z.string().nullable() });

const nodeRecordSchema = z.object({
  moid: z.string(),
  miid: z.string(),
  path: z.string(),
  value: z.string().nullable(),
  format: z.string(),
  reported_at: epochMsColumn,
});

function toInstanceRow(raw: unknown): MoInstanceRow {
  return parseRow('mo_instances', instanceRecordSchema, raw);
}

function toNodeRow(raw: unknown): TreeNodeRow {
  const row = parseRow('tree_nodes', nodeRecordSchema, raw);
  return {
    moid: row.moid,
    miid: row.miid,
    path: row.path,
    value: row.value,
    format: row.format,
    reportedAt: row.reported_at,
  };
}

/** Nodes per statement of a tree write; the event loop gets a turn between batches. */
export const NODE_BATCH = 1_000;

const KEY_COLUMNS: readonly BatchColumn[] = [
  { name: 'moid', type: 'text' },
  { name: 'miid', type: 'text' },
  { name: 'path', type: 'text' },
];
const NODE_COLUMNS: readonly BatchColumn[] = [
  ...KEY_COLUMNS,
  { name: 'value', type: 'text' },
  { name: 'value_num', type: 'double' },
  { name: 'format', type: 'text' },
  { name: 'reported_at', type: 'bigint' },
];

function instanceKey(moid: string, miid: string): string {
  return JSON.stringify([moid, miid]);
}

/** NUL cannot occur in stored text (PostgreSQL refuses it), so the key is unambiguous and cheap. */
function nodeKey(moid: string, miid: string, path: string): string {
  return `${moid}\u0000${miid}\u0000${path}`;
}

/** One node per key, in first-seen order; a path given twice keeps its last occurrence. */
function latestByKey(nodes: readonly TreeNodeRow[]): Map<string, TreeNodeRow> {
  const latest = new Map<string, TreeNodeRow>();
  for (const node of nodes) latest.set(nodeKey(node.moid, node.miid, node.path), node);
  return latest;
}

function batchesOf<T>(rows: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < rows.length; start += size) batches.push(rows.slice(start, start + size));
  return batches;
}

const storedValueSchema = z.object({
  moid: z.string(),
  miid: z.string(),
  path: z.string(),
  value: z.string().nullable(),
  format: z.string(),
});

/** The history entry of writing `node` over what was stored, or undefined when nothing changed. */
function historyEntryOf(
  node: TreeNodeRow,
  stored: { value: string | null; format: string } | undefined,
): HistoryEntry | undefined {
  const { moid, miid, path, value, format, reportedAt: at } = node;
  if (!stored) return { moid, miid, path, op: 'add', value, format, oldValue: null, oldFormat: null, at };
  if (stored.value === value && stored.format === format) return undefined;
  return { moid, miid, path, op: 'set', value, format, oldValue: stored.value, oldFormat: stored.format, at };
}

const countSchema = z.object({ n: z.union([z.number(), z.string()]).transform(Number) });

// Run on every DM session.
// A device's nodes of one MO: read by profile enforcement at every P1 of a device that has profiles.
const listMoNodes = preparedQuery((db, v: { devId: string; moid: string }) =>
  db
    .selectFrom('tree_nodes')
    .select(['moid', 'miid', 'path', 'value', 'format', 'reported_at'])
    .where('dev_id', '=', v.devId)
    .where('moid', '=', v.moid)
    .orderBy('moid')
    .orderBy('miid')
    .orderBy('path'),
);

const listDeviceInstances = preparedQuery((db, v: { devId: string }) =>
  db
    .selectFrom('mo_instances')
    .select(['moid', 'miid', 'ddf'])
    .where('dev_id', '=', v.devId)
    .orderBy('moid')
    .orderBy('miid'),
);

const UPDATE_FROM_EXCLUDED = sql`value = excluded.value, value_num = excluded.value_num, format = excluded.format,
  reported_at = excluded.reported_at`;

export class KyselyTreeRepository implements TreeRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
  ) {}

  async replaceInstances(devId: string, instances: MoInstanceRow[], cause?: TreeWriteCause): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      const wanted = new Set(instances.map((i) => instanceKey(i.moid, i.miid)));
      // Nodes of any instance not in the new set go, even of one never registered: one read of both.
      const stored = await trx
        .selectFrom('mo_instances')
        .select(['moid', 'miid'])
        .where('dev_id', '=', devId)
        .union(trx.selectFrom('tree_nodes').select(['moid', 'miid']).where('dev_id', '=', devId))
        .execute();
      const dropped = stored
        .filter((i) => !wanted.has(instanceKey(i.moid, i.miid)))
        .map((i) => [i.moid, i.miid]);
      // One statement per table for every dropped instance, however many there are.
      const at = cause?.at ?? new Date();
      for (const batch of batchesOf(dropped, NODE_BATCH)) {
        const keys = rowsTable(this.engine, 'k', KEY_COLUMNS.slice(0, 2), batch);
        const { rows } = await sql`delete from tree_nodes where dev_id = ${devId}
          and (moid, miid) in (select k.moid, k.miid from ${keys})
          returning moid, miid, path, value, format`.execute(trx);
        await sql`delete from mo_instances where dev_id = ${devId}
          and (moid, miid) in (select k.moid, k.miid from ${keys})`.execute(trx);
        const gone = rows.map((raw) => deletionEntry(parseRow('tree_nodes', storedValueSchema, raw), at));
        for (const entries of batchesOf(gone, NODE_BATCH)) {
          await insertHistoryBatch(trx, this.engine, devId, entries, cause);
        }
      }
      const unique = new Map(instances.map((i) => [instanceKey(i.moid, i.miid), i]));
      for (const chunk of chunksOf([...unique.values()], 4)) {
        await trx
          .insertInto('mo_instances')
          .values(chunk.map((i) => ({ dev_id: devId, moid: i.moid, miid: i.miid, ddf: i.ddf })))
          .onConflict((oc) =>
            oc.columns(['dev_id', 'moid', 'miid']).doUpdateSet((eb) => ({ ddf: eb.ref('excluded.ddf') })),
          )
          .execute();
      }
    });
  }

  async addInstance(devId: string, instance: MoInstanceRow): Promise<void> {
    await this.db
      .insertInto('mo_instances')
      .values({ dev_id: devId, moid: instance.moid, miid: instance.miid, ddf: instance.ddf })
      .onConflict((oc) => oc.columns(['dev_id', 'moid', 'miid']).doNothing())
      .execute();
  }

  async listInstances(devId: string): Promise<MoInstanceRow[]> {
    return this.listInstancesWith(this.db, devId);
  }

  async countNodes(devId: string): Promise<number> {
    return this.countNodesWith(this.db, devId);
  }

  async upsertNodes(
    devId: string,
    nodes: readonly TreeNodeRow[],
    options: { maxStoredNodes?: number; cause?: TreeWriteCause } = {},
  ): Promise<NodeChange[]> {
    if (nodes.length === 0) return [];
    const batches = batchesOf([...latestByKey(nodes).values()], NODE_BATCH);
    return inTransaction(this.db, async (trx) => {
      // Every statement reads or writes a whole batch; the event loop gets a turn between them, and
      // the transaction keeps the write atomic meanwhile (ARCHITECTURE.md, tree writes).
      const stored = new Map<string, { value: string | null; format: string }>();
      for (const [i, batch] of batches.entries()) {
        if (i > 0) await nextTurn();
        for (const row of await this.readStored(trx, devId, batch)) {
          stored.set(nodeKey(row.moid, row.miid, row.path), row);
        }
      }
      const changes: NodeChange[] = [];
      // The history of each batch, recorded beside its write (protocol §13).
      const history: HistoryEntry[][] = [];
      let adding = 0;
      for (const batch of batches) {
        const entries: HistoryEntry[] = [];
        for (const node of batch) {
          const old = stored.get(nodeKey(node.moid, node.miid, node.path));
          const oldValue = old?.value ?? null;
          if (!old) adding += 1;
          if (!old || oldValue !== node.value) {
            const { moid, miid, path, value } = node;
            changes.push({ moid, miid, path, oldValue, newValue: value, deleted: false });
          }
          const entry = historyEntryOf(node, old);
          if (entry) entries.push(entry);
        }
        history.push(entries);
      }
      const max = options.maxStoredNodes;
      if (max !== undefined && adding > 0) {
        const count = await this.countNodesWith(trx, devId);
        if (count + adding > max) throw new NodeLimitError(count, adding, max);
      }
      for (const [i, batch] of batches.entries()) {
        if (batches.length > 1) await nextTurn();
        await this.writeBatch(trx, devId, batch);
        await insertHistoryBatch(trx, this.engine, devId, history[i] ?? [], options.cause);
      }
      return changes;
    });
  }

  private async readStored(trx: Kysely<Database>, devId: string, batch: readonly TreeNodeRow[]) {
    const keys = rowsTable(
      this.engine,
      'k',
      KEY_COLUMNS,
      batch.map((n) => [n.moid, n.miid, n.path]),
    );
    // CROSS JOIN: SQLite then loops over the batch and looks each key up, never the other way round.
    const { rows } = await executeConstantText(
      trx,
      this.engine,
      sql`select t.moid, t.miid, t.path, t.value, t.format from ${keys} cross join tree_nodes as t
      where t.dev_id = ${devId} and t.moid = k.moid and t.miid = k.miid and t.path = k.path`,
    );
    return rows.map((raw) => parseRow('tree_nodes', storedValueSchema, raw));
  }

  private async writeBatch(trx: Kysely<Database>, devId: string, batch: readonly TreeNodeRow[]) {
    const rows = rowsTable(
      this.engine,
      'k',
      NODE_COLUMNS,
      batch.map((n) => [
        n.moid,
        n.miid,
        n.path,
        n.value,
        treeValueNumber(n.value),
        n.format,
        n.reportedAt.getTime(),
      ]),
    );
    // `where true`: SQLite needs it to read ON CONFLICT as the upsert's, not the join's.
    await executeConstantText(
      trx,
      this.engine,
      sql`insert into tree_nodes (dev_id, moid, miid, path, value, value_num, format, reported_at)
      select ${devId}, k.moid, k.miid, k.path, k.value, k.value_num, k.format, k.reported_at from ${rows}
      where true
      on conflict (dev_id, moid, miid, path) do update set ${UPDATE_FROM_EXCLUDED}`,
    );
  }

  private async countNodesWith(db: Kysely<Database>, devId: string): Promise<number> {
    const row = await db
      .selectFrom('tree_nodes')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('dev_id', '=', devId)
      .executeTakeFirstOrThrow();
    return parseRow('tree_nodes', countSchema, row).n;
  }

  async deleteSubtree(
    devId: string,
    moid: string,
    miid: string,
    path: string,
    cause?: TreeWriteCause,
  ): Promise<NodeChange[]> {
    return inTransaction(this.db, (trx) => this.deleteSubtreeWith(trx, devId, { moid, miid, path }, cause));
  }

  private async deleteSubtreeWith(
    trx: Kysely<Database>,
    devId: string,
    { moid, miid, path }: { moid: string; miid: string; path: string },
    cause: TreeWriteCause | undefined,
  ): Promise<NodeChange[]> {
    // The subtree is `path` and everything under `path/`; a prefix compare (not LIKE, which
    // ignores case in SQLite) keeps siblings such as 'FooBar' of 'Foo'. substr counts characters.
    const prefix = `${path}/`;
    const prefixLength = [...prefix].length;
    const deleted = await trx
      .deleteFrom('tree_nodes')
      .where('dev_id', '=', devId)
      .where('moid', '=', moid)
      .where('miid', '=', miid)
      .$if(path !== '', (qb) =>
        qb.where((eb) =>
          eb.or([
            eb('path', '=', path),
            eb(sql<string>`substr(${sql.ref('path')}, 1, ${prefixLength})`, '=', prefix),
          ]),
        ),
      )
      .returning(['moid', 'miid', 'path', 'value', 'format'])
      .execute();
    const rows = deleted.map((raw) => parseRow('tree_nodes', storedValueSchema, raw));
    const at = cause?.at ?? new Date();
    for (const batch of batchesOf(rows, NODE_BATCH)) {
      await insertHistoryBatch(
        trx,
        this.engine,
        devId,
        batch.map((row) => deletionEntry(row, at)),
        cause,
      );
    }
    return rows
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((row) => ({
        moid: row.moid,
        miid: row.miid,
        path: row.path,
        oldValue: row.value,
        newValue: null,
        deleted: true,
      }));
  }

  async listNodes(devId: string, filter?: { moid: string; miid?: string }): Promise<TreeNodeRow[]> {
    if (filter !== undefined && filter.miid === undefined) {
      const { rows } = await listMoNodes(this.db, { devId, moid: filter.moid });
      return rows.map(toNodeRow);
    }
    const rows = await this.db
      .selectFrom('tree_nodes')
      .select(['moid', 'miid', 'path', 'value', 'format', 'reported_at'])
      .where('dev_id', '=', devId)
      .$if(filter !== undefined, (qb) => qb.where('moid', '=', filter?.moid ?? ''))
      .$if(filter?.miid !== undefined, (qb) => qb.where('miid', '=', filter?.miid ?? ''))
      .orderBy('moid')
      .orderBy('miid')
      .orderBy('path')
      .execute();
    return rows.map(toNodeRow);
  }

  async listNodesAfter(
    devId: string,
    after: { moid: string; miid: string; path: string } | undefined,
    limit: number,
  ): Promise<TreeNodeRow[]> {
    const rows = await this.db
      .selectFrom('tree_nodes')
      .select(['moid', 'miid', 'path', 'value', 'format', 'reported_at'])
      .where('dev_id', '=', devId)
      .$if(after !== undefined, (qb) =>
        qb.where(
          sql<boolean>`(moid, miid, path) > (${after?.moid ?? ''}, ${after?.miid ?? ''}, ${after?.path ?? ''})`,
        ),
      )
      .orderBy('moid')
      .orderBy('miid')
      .orderBy('path')
      .limit(limit)
      .execute();
    return rows.map(toNodeRow);
  }

  private async listInstancesWith(db: Kysely<Database>, devId: string): Promise<MoInstanceRow[]> {
    const { rows } = await listDeviceInstances(db, { devId });
    return rows.map(toInstanceRow);
  }
}
