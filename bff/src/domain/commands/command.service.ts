// The durable per-device command queue (protocol §8): queued → sent → ok | failed, accepted for async
// EXEC, cancelled (queued or sent), expired. A command is queued in one transaction with the server-made URLs it
// carries (server-uris.ts), so a command that is not queued leaves no hosted object, inbox or page.
import { randomUUID } from 'node:crypto';
import {
  CANCELLABLE_COMMAND_STATES,
  type CommandList,
  type CommandPage,
  type CommandRecord,
  type ListFleetCommandsQuery,
  type QueueCommandInput,
  type QueuedCommand,
} from '@dmc/shared/api';
import { serverUriOf } from '@dmc/shared/protocol';
import type { CommandRow, Repositories, Store } from '../../persistence/ports';
import type { Clock, EventPublisher } from '../ports';
import { ConflictError, InputError, NotFoundError } from '../errors';
import { commandStateChanged, publish } from '../events/live-events';
import { capabilityUrls } from '../capabilities/capability-urls';
import type { DrService } from '../dr/dr.service';
import { checkClientUris } from './client-uris';
import { toCommandRecord } from './command-view';
import { listFleetCommands } from './command-list';
import { fillServerUris, type ServerUriHosts } from './server-uris';

/** A wire command ready to be stored: every server-made URL already filled in. */
export interface PreparedCommand {
  id: string;
  devId: string;
  wire: string[];
  jobToken: string | null;
  ttlS: number;
  /** Who queued it (a username); null or absent when the server did. */
  createdBy?: string | null;
}

export interface CommandService {
  /**
   * `createdBy`: the username of who queued it; null when the server queues it itself. `id`: an id
   * the caller chose (a campaign derives one per device); when a command with that id exists already
   * it is returned and nothing is queued, so a retried caller never queues a second command.
   */
  queue(
    devId: string,
    input: QueueCommandInput,
    createdBy?: string | null,
    options?: { id?: string },
  ): Promise<QueuedCommand>;
  /**
   * Queues one command for many devices in one transaction (a campaign's batch), each with the id the
   * caller chose; then tells consoles and wakes the devices. All or nothing: when one cannot be
   * queued (an id taken, a device removed) nothing is, and the caller falls back to `queue`.
   */
  queueBatch(
    items: readonly { devId: string; id: string }[],
    input: QueueCommandInput,
    createdBy: string | null,
  ): Promise<void>;
  /**
   * Stores the command `prepare` makes as queued, in the transaction `prepare` writes its hosted
   * objects, inboxes or pages in; then tells consoles and wakes the device.
   */
  enqueue(prepare: (repos: Repositories) => Promise<PreparedCommand>): Promise<QueuedCommand>;
  get(id: string): Promise<CommandRecord>;
  listForDevice(devId: string, limit: number): Promise<CommandList>;
  /** Every device's commands, newest first, filtered and keyset-paged (protocol §8). */
  list(query: ListFleetCommandsQuery): Promise<CommandPage>;
  cancel(id: string): Promise<CommandRecord>;
  /** Expires queued/accepted commands past their deadline; returns how many. */
  expireDue(limit?: number): Promise<number>;
}

export function createCommandService(
  store: Store,
  deps: {
    clock: Clock;
    events: EventPublisher;
    publicUrl: string;
    defaultTtlS: number;
    dr: DrService;
    /** Called after a command is queued, e.g. to wake the device (protocol §6). */
    onQueued?: (devId: string) => Promise<void>;
    /** Hosts the page of a `["SHOW", null]` and returns its URL (protocol §8). */
    hostPage?: ServerUriHosts['hostPage'];
  },
): CommandService {
  const { clock, events } = deps;
  const hosts: ServerUriHosts = {
    capabilities: capabilityUrls(deps.publicUrl),
    dr: deps.dr,
    hostPage: deps.hostPage,
  };

  async function find(id: string) {
    const row = await store.commands.find(id);
    if (!row) throw new NotFoundError(`No command "${id}".`);
    return row;
  }

  function queuedRow(prepared: PreparedCommand, now: Date): Omit<CommandRow, 'seq'> {
    const { id, devId, wire, jobToken, ttlS, createdBy } = prepared;
    return {
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
      deliveries: 0,
      reason: null,
      createdBy: createdBy ?? null,
    };
  }

  async function enqueue(prepare: (repos: Repositories) => Promise<PreparedCommand>): Promise<QueuedCommand> {
    const now = clock.now();
    const row = await store.transaction(async (repos) =>
      repos.commands.enqueue(queuedRow(await prepare(repos), now)),
    );
    publish(events, commandStateChanged(row, now));
    await deps.onQueued?.(row.devId);
    return { id: row.id, state: row.state };
  }

  /** The checks of a queue input that do not depend on the device. */
  function checkInput(input: QueueCommandInput): void {
    const requested = input.command as readonly (string | null)[];
    checkClientUris(requested);
    if (
      (input.page || input.pageTemplateId !== undefined) &&
      (requested[0] !== 'SHOW' || serverUriOf(requested) !== null)
    )
      throw new InputError('"page" and "pageTemplateId" go only with ["SHOW", null].');
  }

  return {
    async queue(devId, input, createdBy = null, options = {}) {
      if (options.id !== undefined) {
        const existing = await store.commands.find(options.id);
        if (existing) return { id: existing.id, state: existing.state };
      }
      if (!(await store.devices.find(devId))) throw new NotFoundError(`No device "${devId}" is registered.`);
      checkInput(input);
      const id = options.id ?? randomUUID();
      const ttlS = input.ttlS ?? deps.defaultTtlS;
      try {
        return await enqueue(async (repos) => {
          const { wire, jobToken } = await fillServerUris(repos, hosts, { id, devId, input, ttlS });
          return { id, devId, wire, jobToken, ttlS, createdBy };
        });
      } catch (err) {
        // A chosen id another caller queued meanwhile: its insert won, this one rolled back.
        const existing = options.id === undefined ? undefined : await store.commands.find(id);
        if (existing) return { id: existing.id, state: existing.state };
        throw err;
      }
    },

    async queueBatch(items, input, createdBy) {
      if (items.length === 0) return;
      checkInput(input);
      const ttlS = input.ttlS ?? deps.defaultTtlS;
      const now = clock.now();
      const rows = await store.transaction(async (repos) => {
        const queued: CommandRow[] = [];
        for (const { id, devId } of items) {
          const { wire, jobToken } = await fillServerUris(repos, hosts, { id, devId, input, ttlS });
          queued.push(
            await repos.commands.enqueue(queuedRow({ id, devId, wire, jobToken, ttlS, createdBy }, now)),
          );
        }
        return queued;
      });
      for (const row of rows) publish(events, commandStateChanged(row, now));
      for (const row of rows) await deps.onQueued?.(row.devId);
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

    list: (query) => listFleetCommands(store, query),

    async cancel(id) {
      const now = clock.now();
      // A sent command is cancelled too: it is never sent again, and its status, should it still
      // arrive, finds it no longer `sent` and is ignored (protocol §12).
      const row = await store.commands.transition(id, CANCELLABLE_COMMAND_STATES, {
        state: 'cancelled',
        at: now,
      });
      if (!row) {
        const current = await find(id);
        throw new ConflictError(
          `The command is ${current.state}; only a queued or sent command can be cancelled.`,
        );
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
