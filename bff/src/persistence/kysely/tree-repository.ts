import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { MoInstanceRow, NodeChange, TreeNodeRow, TreeRepository } from '../ports';
import { chunksOf, FEW_ROWS, inTransaction } from './query-helpers';
import { epochMsColumn, parseRow } from './row-codecs';
import type { Database, TreeNodesTable } from './schema';
import { preparedQuery } from './prepared-query';

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

const NODE_COLUMNS = 7;

function instanceKey(moid: string, miid: string): string {
  return JSON.stringify([moid, miid]);
}

/** Groups nodes by instance; a path given twice keeps its last occurrence. */
function groupByInstance(nodes: readonly TreeNodeRow[]): Map<string, Map<string, TreeNodeRow>> {
  const groups = new Map<string, Map<string, TreeNodeRow>>();
  for (const node of nodes) {
    const key = instanceKey(node.moid, node.miid);
    let group = groups.get(key);
    if (group === undefined) {
      group = new Map();
      groups.set(key, group);
    }
    group.set(node.path, node);
  }
  return groups;
}

// Run on every DM session.
const listDeviceInstances = preparedQuery((db, v: { devId: string }) =>
  db
    .selectFrom('mo_instances')
    .select(['moid', 'miid', 'ddf'])
    .where('dev_id', '=', v.devId)
    .orderBy('moid')
    .orderBy('miid'),
);

function toNodeRecord(devId: string, n: TreeNodeRow): TreeNodesTable {
  return {
    dev_id: devId,
    moid: n.moid,
    miid: n.miid,
    path: n.path,
    value: n.value,
    format: n.format,
    reported_at: n.reportedAt.getTime(),
  };
}

const upsertNode = preparedQuery((db, v: TreeNodesTable) =>
  db
    .insertInto('tree_nodes')
    .values({
      dev_id: v.dev_id,
      moid: v.moid,
      miid: v.miid,
      path: v.path,
      value: v.value,
      format: v.format,
      reported_at: v.reported_at,
    })
    .onConflict((oc) =>
      oc.columns(['dev_id', 'moid', 'miid', 'path']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        format: eb.ref('excluded.format'),
        reported_at: eb.ref('excluded.reported_at'),
      })),
    ),
);

export class KyselyTreeRepository implements TreeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async replaceInstances(devId: string, instances: MoInstanceRow[]): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      const wanted = new Set(instances.map((i) => instanceKey(i.moid, i.miid)));
      // Nodes of any instance not in the new set go, even of one never registered: one read of both.
      const stored = await trx
        .selectFrom('mo_instances')
        .select(['moid', 'miid'])
        .where('dev_id', '=', devId)
        .union(trx.selectFrom('tree_nodes').select(['moid', 'miid']).where('dev_id', '=', devId))
        .execute();
      const dropped = new Map(
        stored
          .filter((i) => !wanted.has(instanceKey(i.moid, i.miid)))
          .map((i) => [instanceKey(i.moid, i.miid), i]),
      );
      for (const { moid, miid } of dropped.values()) {
        for (const table of ['tree_nodes', 'mo_instances'] as const) {
          await trx
            .deleteFrom(table)
            .where('dev_id', '=', devId)
            .where('moid', '=', moid)
            .where('miid', '=', miid)
            .execute();
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

  async upsertNodes(devId: string, nodes: TreeNodeRow[]): Promise<NodeChange[]> {
    if (nodes.length === 0) return [];
    return inTransaction(this.db, async (trx) => {
      const changes: NodeChange[] = [];
      for (const group of groupByInstance(nodes).values()) {
        const batch = [...group.values()];
        const first = batch[0];
        if (first === undefined) continue;
        const stored = new Map<string, string | null>();
        for (const chunk of chunksOf(batch, 1)) {
          const rows = await trx
            .selectFrom('tree_nodes')
            .select(['path', 'value'])
            .where('dev_id', '=', devId)
            .where('moid', '=', first.moid)
            .where('miid', '=', first.miid)
            .where(
              'path',
              'in',
              chunk.map((n) => n.path),
            )
            .execute();
          for (const row of rows)
            stored.set(row.path, parseRow('tree_nodes', z.string().nullable(), row.value));
        }
        for (const node of batch) {
          const isNew = !stored.has(node.path);
          const oldValue = stored.get(node.path) ?? null;
          if (isNew || oldValue !== node.value) {
            changes.push({
              moid: node.moid,
              miid: node.miid,
              path: node.path,
              oldValue,
              newValue: node.value,
              deleted: false,
            });
          }
        }
        // An inventory read writes a dozen nodes: one prepared upsert each. Bulk writes go in chunks.
        if (batch.length <= FEW_ROWS) {
          for (const n of batch) await upsertNode(trx, toNodeRecord(devId, n));
          continue;
        }
        for (const chunk of chunksOf(batch, NODE_COLUMNS)) {
          await trx
            .insertInto('tree_nodes')
            .values(chunk.map((n) => toNodeRecord(devId, n)))
            .onConflict((oc) =>
              oc.columns(['dev_id', 'moid', 'miid', 'path']).doUpdateSet((eb) => ({
                value: eb.ref('excluded.value'),
                format: eb.ref('excluded.format'),
                reported_at: eb.ref('excluded.reported_at'),
              })),
            )
            .execute();
        }
      }
      return changes;
    });
  }

  async deleteSubtree(devId: string, moid: string, miid: string, path: string): Promise<NodeChange[]> {
    // The subtree is `path` and everything under `path/`; a prefix compare (not LIKE, which
    // ignores case in SQLite) keeps siblings such as 'FooBar' of 'Foo'. substr counts characters.
    const prefix = `${path}/`;
    const prefixLength = [...prefix].length;
    const deleted = await this.db
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
      .returning(['moid', 'miid', 'path', 'value'])
      .execute();
    return deleted
      .map((raw) => parseRow('tree_nodes', nodeChangeRecordSchema, raw))
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

  private async listInstancesWith(db: Kysely<Database>, devId: string): Promise<MoInstanceRow[]> {
    const { rows } = await listDeviceInstances(db, { devId });
    return rows.map(toInstanceRow);
  }
}

const nodeChangeRecordSchema = z.object({
  moid: z.string(),
  miid: z.string(),
  path: z.string(),
  value: z.string().nullable(),
});
