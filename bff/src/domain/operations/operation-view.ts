import type { OperationRecord } from '@dmc/shared/api';
import type { OperationRow } from '../../persistence/ports';

export function toOperationRecord(row: OperationRow): OperationRecord {
  return {
    id: row.id,
    devId: row.devId,
    kind: row.kind,
    artifactId: row.artifactId,
    state: row.state,
    commands: row.commandIds,
    consentCommand: row.consentCommandId,
    result: row.result ?? null,
    resumeAt: row.resumeAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
