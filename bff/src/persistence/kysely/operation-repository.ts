import { sql } from 'kysely';
import type { Kysely, SqlBool } from 'kysely';
import { z } from 'zod';
import { FINAL_OPERATION_STATES, OPERATION_KINDS, OPERATION_STATES } from '../ports';
import type { OperationKind, OperationRepository, OperationRow } from '../ports';
import { toJsonOrNull } from './query-helpers';
import { epochMsColumn, intColumn, jsonColumn, nullableEpochMsColumn, parseRow } from './row-codecs';
import type { Database, OperationsTable } from './schema';

const operationRecordSchema = z.object({
  id: z.string(),
  dev_id: z.string(),
  kind: z.enum(OPERATION_KINDS),
  artifact_id: z.string().nullable(),
  mo_instance: z.string().nullable(),
  params: jsonColumn(z.unknown()),
  state: z.enum(OPERATION_STATES),
  command_ids: jsonColumn(z.array(z.string())),
  consent_command_id: z.string().nullable(),
  result: jsonColumn(z.unknown()).nullable(),
  resume_at: nullableEpochMsColumn,
  version: intColumn,
  created_at: epochMsColumn,
  updated_at: epochMsColumn,
});

function toOperationRow(raw: unknown): OperationRow {
  const row = parseRow('operations', operationRecordSchema, raw);
  return {
    id: row.id,
    devId: row.dev_id,
    kind: row.kind,
    artifactId: row.artifact_id,
    moInstance: row.mo_instance,
    params: row.params,
    state: row.state,
    commandIds: row.command_ids,
    consentCommandId: row.consent_command_id,
    result: row.result,
    resumeAt: row.resume_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRecord(row: OperationRow): OperationsTable {
  return {
    id: row.id,
    dev_id: row.devId,
    kind: row.kind,
    artifact_id: row.artifactId,
    mo_instance: row.moInstance,
    // Params of undefined would not survive JSON; store null instead.
    params: JSON.stringify(row.params ?? null),
    state: row.state,
    command_ids: JSON.stringify(row.commandIds),
    consent_command_id: row.consentCommandId,
    result: toJsonOrNull(row.result),
    resume_at: row.resumeAt?.getTime() ?? null,
    version: row.version,
    created_at: row.createdAt.getTime(),
    updated_at: row.updatedAt.getTime(),
  };
}

export class KyselyOperationRepository implements OperationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(row: OperationRow): Promise<boolean> {
    // The unique index over (dev_id, kind, mo_instance) of the operations that are not final
    // (migration 0020) decides between racing creates; the loser inserts nothing.
    const inserted = await this.db
      .insertInto('operations')
      .values(toRecord(row))
      .onConflict((oc) =>
        oc
          .columns(['dev_id', 'kind', 'mo_instance'])
          .where(sql<SqlBool>`state not in (${sql.join(FINAL_OPERATION_STATES.map((s) => sql.lit(s)))})`)
          .doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async findActive(
    devId: string,
    kind: OperationKind,
    moInstance: string,
  ): Promise<OperationRow | undefined> {
    const row = await this.db
      .selectFrom('operations')
      .selectAll()
      .where('dev_id', '=', devId)
      .where('kind', '=', kind)
      .where('mo_instance', '=', moInstance)
      .where('state', 'not in', [...FINAL_OPERATION_STATES])
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? undefined : toOperationRow(row);
  }

  async find(id: string): Promise<OperationRow | undefined> {
    const row = await this.db.selectFrom('operations').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toOperationRow(row);
  }

  async listByDevice(devId: string, limit: number): Promise<OperationRow[]> {
    const rows = await this.db
      .selectFrom('operations')
      .selectAll()
      .where('dev_id', '=', devId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.max(0, limit))
      .execute();
    return rows.map(toOperationRow);
  }

  async listActive(limit: number, after?: { createdAt: Date; id: string }): Promise<OperationRow[]> {
    const rows = await this.db
      .selectFrom('operations')
      .selectAll()
      .where('state', 'not in', [...FINAL_OPERATION_STATES])
      .where((eb) => {
        if (after === undefined) return eb.and([]);
        // Keyset continuation: strictly after (createdAt, id) in the scan order.
        const createdAt = after.createdAt.getTime();
        return eb.or([
          eb('created_at', '>', createdAt),
          eb.and([eb('created_at', '=', createdAt), eb('id', '>', after.id)]),
        ]);
      })
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .limit(Math.max(0, limit))
      .execute();
    return rows.map(toOperationRow);
  }

  async update(row: OperationRow): Promise<boolean> {
    // Compare-and-set on the version: the writer that read version N-1 first wins. The device and
    // creation time never change; every other field is written as given.
    const record = toRecord(row);
    const result = await this.db
      .updateTable('operations')
      .set({
        kind: record.kind,
        artifact_id: record.artifact_id,
        params: record.params,
        state: record.state,
        command_ids: record.command_ids,
        consent_command_id: record.consent_command_id,
        result: record.result,
        resume_at: record.resume_at,
        version: record.version,
        updated_at: record.updated_at,
      })
      .where('id', '=', record.id)
      .where('version', '=', row.version - 1)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async isArtifactInUse(artifactId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('operations')
      .select('id')
      .where('artifact_id', '=', artifactId)
      .where('state', 'not in', [...FINAL_OPERATION_STATES])
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }
}
