import type { RefusalEndpoint, RefusalRecord } from '@dmc/shared/api';
import type { RefusalRow } from '../../persistence/ports';

/** A stored refusal as the API and live events show it. */
export function toRefusalRecord(row: RefusalRow): RefusalRecord {
  return {
    id: row.id,
    at: row.at.toISOString(),
    endpoint: row.endpoint as RefusalEndpoint,
    status: row.status,
    code: row.code,
    reason: row.reason,
    suppressed: row.suppressed,
  };
}
