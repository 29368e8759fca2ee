// Stored profiles and device states as the API shows them (protocol §14).
import type { Profile, ProfileConflict, ProfileCounts, ProfileDeviceState } from '@dmc/shared/api';
import type { ProfileDeviceRow, ProfileRow } from '../../persistence/ports';

export const NO_COUNTS: ProfileCounts = { verified: 0, pending: 0, failed: 0, conflicted: 0 };

export function toProfile(row: ProfileRow, counts: ProfileCounts, conflicts: ProfileConflict[]): Profile {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    priority: row.priority,
    nodes: row.nodes,
    execs: row.execs,
    enabled: row.enabled,
    driftRetries: row.driftRetries,
    revision: row.revision,
    counts,
    conflicts,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toProfileDeviceState(row: ProfileDeviceRow, profileName: string): ProfileDeviceState {
  return {
    profileId: row.profileId,
    profileName,
    devId: row.devId,
    status: row.status,
    reason: row.reason,
    nodes: row.nodes,
    execs: row.execs,
    revision: row.revision,
    updatedAt: row.updatedAt.toISOString(),
  };
}
