// How the console sees a stored DM session.
import type { SessionStatus, SessionSummary } from '@dmc/shared/api';
import type { SessionRow } from '../../persistence/ports';

/** P2 packages sent so far: the session state carries the count while a package is in flight. */
function packagesOf(state: unknown): number | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const packages = (state as { packages?: unknown }).packages;
  return typeof packages === 'number' && Number.isInteger(packages) && packages >= 0 ? packages : undefined;
}

export function toSessionSummary(row: SessionRow): SessionSummary & { status: SessionStatus } {
  const packages = packagesOf(row.state);
  return {
    id: row.id,
    status: row.status,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    ...(packages === undefined ? {} : { packages }),
  };
}
