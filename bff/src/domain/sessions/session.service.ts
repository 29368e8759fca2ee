// A device's DM sessions for its timeline (console).
import type { SessionList } from '@dmc/shared/api';
import type { Store } from '../../persistence/ports';
import { NotFoundError } from '../errors';
import { toSessionSummary } from './session-view';

export interface SessionService {
  /** The device's sessions, newest first; NotFoundError for an unknown device. */
  listForDevice(devId: string, limit: number): Promise<SessionList>;
}

export function createSessionService(store: Store): SessionService {
  return {
    async listForDevice(devId, limit) {
      if (!(await store.devices.find(devId))) throw new NotFoundError(`No device "${devId}" is registered.`);
      const rows = await store.sessions.listByDevice(devId, limit);
      return { items: rows.map(toSessionSummary) };
    },
  };
}
