import { commandOutcomeOf, type CommandRecord } from '@dmc/shared/api';
import { describeStatus } from '@dmc/shared/protocol';
import type { CommandRow } from '../../persistence/ports';

export function toCommandRecord(row: CommandRow): CommandRecord {
  return {
    id: row.id,
    devId: row.devId,
    command: row.command,
    state: row.state,
    sc: row.sc,
    scMeaning: row.sc === null ? null : describeStatus(row.sc),
    result: row.result ?? null,
    outcome: commandOutcomeOf(row),
    deliveries: row.deliveries,
    reason: row.reason,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}
