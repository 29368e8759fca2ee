// The durable per-device command queue (profile §8): queued → sent → ok | failed, accepted for async
// EXEC, cancelled, expired. Server-managed URLs are filled in here.
import { randomUUID } from 'node:crypto';
import type { CommandList, CommandRecord, QueueCommandInput, QueuedCommand } from '@dmc/shared/api';
import { parseClientUri } from '@dmc/shared/protocol';
import type { Store } from '../../persistence/ports';
import type { Clock, EventPublisher } from '../ports';
import { ConflictError, InputError, NotFoundError } from '../errors';
import { newToken } from '../auth/tokens';
import { toCommandRecord } from './command-view';

export interface CommandService {
  queue(devId: string, input: QueueCommandInput): Promise<QueuedCommand>;
  get(id: string): Promise<CommandRecord>;
  listForDevice(devId: string, limit: number): Promise<CommandList>;
  cancel(id: string): Promise<CommandRecord>;
  /** Expires queued/accepted commands past their deadline; returns how many. */
  expireDue(limit?: number): Promise<number>;
}

const CLIENT_URI_POSITIONS: Record<string, number[]> = {
  HGET: [2],
  HPUT: [2, 3, 4, 5, 6, 7, 8, 9],
  HPOST: [2, 3, 4, 5, 6, 7, 8, 9],
  DELETE: [1],
  EXEC: [1],
  GET: [1],
  SUB: [2],
  UNSUB: [1],
};

function checkClientUris(command: readonly (string | null)[]): void {
  const name = command[0] ?? '';
  for (const position of CLIENT_URI_POSITIONS[name] ?? []) {
    const value = command[position];
    if (typeof value !== 'string') continue;
    const parsed = parseClientUri(value);
    if (!parsed.ok) {
      throw new InputError(
        `ClientURI "${value}" is malformed at character ${parsed.error.index}: ${parsed.error.message}`,
        {
          position,
          index: parsed.error.index,
        },
      );
    }
  }
}

export function createCommandService(
  store: Store,
  deps: { clock: Clock; events: EventPublisher; publicUrl: string; defaultTtlS: number },
): CommandService {
  const { clock, events } = deps;

  async function find(id: string) {
    const row = await store.commands.find(id);
    if (!row) throw new NotFoundError(`No command "${id}".`);
    return row;
  }

  return {
    async queue(devId, input) {
      if (!(await store.devices.find(devId))) throw new NotFoundError(`No device "${devId}" is registered.`);
      const requested = input.command as readonly (string | null)[];
      checkClientUris(requested);
      let jobToken: string | null = null;
      let wire: string[];
      if (requested[0] === 'EXEC') {
        // profile §8: every EXEC carries the server's job URL, so it may finish asynchronously.
        jobToken = newToken();
        wire = ['EXEC', requested[1] as string, `${deps.publicUrl}/dm/jobs/${jobToken}`];
      } else if (requested.some((part) => part === null)) {
        throw new InputError(
          `${requested[0]} with a server-filled URL needs the Data Repository, which is not enabled on this server yet.`,
        );
      } else {
        wire = requested as string[];
      }
      const now = clock.now();
      const row = await store.commands.enqueue({
        id: randomUUID(),
        devId,
        command: wire,
        state: 'queued',
        sc: null,
        result: null,
        sessionId: null,
        jobToken,
        createdAt: now,
        updatedAt: now,
        sentAt: null,
        expiresAt: new Date(now.getTime() + (input.ttlS ?? deps.defaultTtlS) * 1000),
      });
      events.publish('command:state-changed', {
        id: row.id,
        devId,
        state: row.state,
        sc: null,
        at: now.toISOString(),
      });
      return { id: row.id, state: row.state };
    },

    async get(id) {
      return toCommandRecord(await find(id));
    },

    async listForDevice(devId, limit) {
      if (!(await store.devices.find(devId))) throw new NotFoundError(`No device "${devId}" is registered.`);
      const rows = await store.commands.listByDevice(devId, limit);
      return { items: rows.map(toCommandRecord) };
    },

    async cancel(id) {
      const now = clock.now();
      const row = await store.commands.transition(id, ['queued'], { state: 'cancelled', at: now });
      if (!row) {
        const current = await find(id);
        throw new ConflictError(`The command is ${current.state}; only a queued command can be cancelled.`);
      }
      events.publish('command:state-changed', {
        id,
        devId: row.devId,
        state: row.state,
        sc: row.sc,
        at: now.toISOString(),
      });
      return toCommandRecord(row);
    },

    async expireDue(limit = 500) {
      const now = clock.now();
      const due = await store.commands.listDueForExpiry(now, limit);
      let count = 0;
      for (const candidate of due) {
        const row = await store.commands.transition(candidate.id, ['queued', 'accepted'], {
          state: 'expired',
          at: now,
        });
        if (!row) continue;
        count += 1;
        events.publish('command:state-changed', {
          id: row.id,
          devId: row.devId,
          state: row.state,
          sc: row.sc,
          at: now.toISOString(),
        });
      }
      return count;
    },
  };
}
