// The durable per-device command queue (profile §8): queued → sent → ok | failed, accepted for async
// EXEC, cancelled, expired. Server-managed URLs are filled in here.
import { randomUUID } from 'node:crypto';
import type { CommandList, CommandRecord, QueueCommandInput, QueuedCommand } from '@dmc/shared/api';
import { parseClientUri } from '@dmc/shared/protocol';
import type { CommandRow, Store } from '../../persistence/ports';
import type { Clock, EventPublisher } from '../ports';
import { ConflictError, InputError, NotFoundError } from '../errors';
import { newToken } from '../auth/tokens';
import { commandStateChanged, publish } from '../events/live-events';
import type { DrService } from '../dr/dr.service';
import type { HostPageInput } from '../device-pages/device-page.service';
import { toCommandRecord } from './command-view';

/** A wire command ready to be stored: every server-made URL already filled in. */
export interface PreparedCommand {
  id: string;
  devId: string;
  wire: string[];
  jobToken: string | null;
  ttlS: number;
}

export interface CommandService {
  queue(devId: string, input: QueueCommandInput): Promise<QueuedCommand>;
  /** Stores a prepared command as queued, tells consoles and wakes the device. */
  enqueue(command: PreparedCommand): Promise<QueuedCommand>;
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
  deps: {
    clock: Clock;
    events: EventPublisher;
    publicUrl: string;
    defaultTtlS: number;
    dr: DrService;
    /** Called after a command is queued, e.g. to wake the device (profile §6). */
    onQueued?: (devId: string) => Promise<void>;
    /** Hosts the page of a `["SHOW", null]` at /ui/:token and returns its URL (profile §8). */
    hostPage?: (input: HostPageInput) => Promise<string>;
  },
): CommandService {
  const { clock, events } = deps;

  async function find(id: string) {
    const row = await store.commands.find(id);
    if (!row) throw new NotFoundError(`No command "${id}".`);
    return row;
  }

  async function enqueue({ id, devId, wire, jobToken, ttlS }: PreparedCommand): Promise<QueuedCommand> {
    const now = clock.now();
    const row = await store.commands.enqueue({
      id,
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
      expiresAt: new Date(now.getTime() + ttlS * 1000),
    });
    publish(events, commandStateChanged(row, now));
    await deps.onQueued?.(devId);
    return { id: row.id, state: row.state };
  }

  return {
    async queue(devId, input) {
      if (!(await store.devices.find(devId))) throw new NotFoundError(`No device "${devId}" is registered.`);
      const requested = input.command as readonly (string | null)[];
      checkClientUris(requested);
      if (
        (input.page || input.pageTemplateId !== undefined) &&
        (requested[0] !== 'SHOW' || requested[1] !== null)
      )
        throw new InputError('"page" and "pageTemplateId" go only with ["SHOW", null].');
      const id = randomUUID();
      const ttlS = input.ttlS ?? deps.defaultTtlS;
      let jobToken: string | null = null;
      const wire = [...requested];
      const name = requested[0];
      if (name === 'EXEC') {
        // profile §8: every EXEC carries the server's job URL, so it may finish asynchronously.
        jobToken = newToken();
        wire.push(`${deps.publicUrl}/dm/jobs/${jobToken}`);
      } else if ((name === 'HGET' || name === 'DEFAULT') && wire[1] === null) {
        if (!input.data)
          throw new InputError(`${name} with a server-hosted source needs "data" (the MOData to write).`);
        const target = input.dataUri ?? (name === 'HGET' ? requested[2] : `${requested[2]}//`);
        if (!target)
          throw new InputError('HGET without a ClientURI needs "dataUri" naming where the data goes.');
        checkClientUris(['GET', target]);
        wire[1] = await deps.dr.hostObject({
          devId,
          commandId: id,
          items: [{ ClientURI: target, MOData: input.data }],
          ttlS,
        });
      } else if ((name === 'HPUT' || name === 'HPOST' || name === 'SUB') && wire[1] === null) {
        const clientUri = name === 'SUB' ? (requested[2] ?? null) : null;
        wire[1] = await deps.dr.openInbox({
          devId,
          commandId: id,
          kind: name,
          clientUri,
          ttlS: name === 'SUB' ? null : ttlS,
        });
      } else if (name === 'SHOW' && wire[1] === null && deps.hostPage) {
        wire[1] = await deps.hostPage({
          devId,
          commandId: id,
          page: input.page,
          templateId: input.pageTemplateId,
          ttlS,
        });
      } else if (wire.some((part) => part === null)) {
        throw new InputError(
          `${name} needs an explicit ServerURI on this server (server-hosted pages are not available yet).`,
        );
      }
      return enqueue({ id, devId, wire: wire as string[], jobToken, ttlS });
    },

    enqueue,

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
      publish(events, commandStateChanged(row, now));
      return toCommandRecord(row);
    },

    async expireDue(limit = 500) {
      const now = clock.now();
      // Claimed and expired in one transaction: sweepers on several instances take disjoint rows
      // (FOR UPDATE SKIP LOCKED on PostgreSQL); events go out after commit.
      const expired = await store.transaction(async (repos) => {
        const rows: CommandRow[] = [];
        for (const candidate of await repos.commands.listDueForExpiry(now, limit)) {
          const row = await repos.commands.transition(candidate.id, ['queued', 'accepted'], {
            state: 'expired',
            at: now,
          });
          if (row) rows.push(row);
        }
        return rows;
      });
      for (const row of expired) {
        publish(events, commandStateChanged(row, now));
      }
      return expired.length;
    },
  };
}
