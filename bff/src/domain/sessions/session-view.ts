// A device's DM sessions for its timeline (console).
import type { SessionList, SessionSummary } from '@dmc/shared/api';
import type { SessionRow, Store } from '../../persistence/ports';
import { NotFoundError } from '../errors';

/** P2 packages sent so far: the session state carries the count while a package is in flight. */
function packagesOf(state: unknown): number | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const packages = (state as { packages?: unknown }).packages;
  return typeof packages === 'number' && Number.isInteger(packages) && packages >= 0 ? packages : undefined;
}

export function toSessionSummary(row: SessionRow): SessionSummary {
  const packages = packagesOf(row.state);
  return {
    id: row.id,
    status: row.status,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    ...(packages === undefined ? {} : { packages }),
  };
}

/** The device's sessions, newest first; NotFoundError for an unknown device. */
export async function listDeviceSessions(store: Store, devId: string, limit: number): Promise<SessionList> {
  if (!(await store.devices.find(devId))) throw new NotFoundError(`No device "${devId}" is registered.`);
  const rows = await store.sessions.listByDevice(devId, limit);
  return { items: rows.map(toSessionSummary) };
}
