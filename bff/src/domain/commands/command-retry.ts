// Retry (console): a command that ended in failure is queued again as a new command. The wire
// command stays the same, but every server-made capability URL in it is made afresh (protocol §8,
// ARCHITECTURE invariant 10), so the old URL's one-time page, job or upload is never reused.
import { randomUUID } from 'node:crypto';
import type { CommandState, RetriedCommand } from '@dmc/shared/api';
import { targetClientUri } from '@dmc/shared/protocol';
import type { CommandRow, InboxKind, Repositories, Store } from '../../persistence/ports';
import type { Clock } from '../ports';
import { capabilityUrls } from '../capabilities/capability-urls';
import { ConflictError, NotFoundError } from '../errors';
import type { DrService } from '../dr/dr.service';
import type { HostPageInput } from '../device-pages/device-page.service';
import type { CommandService } from './command.service';

export interface CommandRetry {
  /** Queues a failed, expired or cancelled command again; ConflictError for any other state. */
  /** `createdBy`: who retries it (a username). */
  retry(
    id: string,
    options?: { ttlS?: number | undefined },
    createdBy?: string | null,
  ): Promise<RetriedCommand>;
}

/** States a command can be retried from. */
export const RETRYABLE_STATES: readonly CommandState[] = ['failed', 'expired', 'cancelled'];

const INBOX_KINDS: readonly string[] = ['HPUT', 'HPOST', 'SUB'];

interface RetryDeps {
  clock: Clock;
  publicUrl: string;
  defaultTtlS: number;
  dr: Pick<DrService, 'openInbox'>;
  hostPage: (input: HostPageInput, repos: Repositories) => Promise<string>;
  commands: Pick<CommandService, 'enqueue'>;
}

/** What a fresh URL is made for, inside the transaction that queues the new command. */
interface Renewal {
  repos: Repositories;
  old: CommandRow;
  newId: string;
  ttlS: number;
  now: Date;
}

export function createCommandRetry(store: Store, deps: RetryDeps): CommandRetry {
  const urls = capabilityUrls(deps.publicUrl);

  async function copyObject(id: string, r: Renewal): Promise<string> {
    const stored = await r.repos.drObjects.find(id);
    if (!stored) throw new ConflictError('The data this command wrote is no longer stored; queue it anew.');
    const copy = urls.mint('object');
    await r.repos.drObjects.create({
      ...stored,
      id: copy.token,
      commandId: r.newId,
      createdAt: r.now,
      expiresAt: new Date(r.now.getTime() + r.ttlS * 1000),
    });
    return copy.url;
  }

  async function newInbox(token: string, r: Renewal): Promise<string> {
    const stored = await r.repos.inboxes.find(token);
    const name = r.old.command[0] ?? '';
    const kind = (stored?.kind ?? name) as InboxKind;
    if (!INBOX_KINDS.includes(kind))
      throw new ConflictError('The upload address of this command is unknown.');
    const clientUri = stored?.clientUri ?? (kind === 'SUB' ? (targetClientUri(r.old.command) ?? null) : null);
    return deps.dr.openInbox(
      { devId: r.old.devId, commandId: r.newId, kind, clientUri, ttlS: kind === 'SUB' ? null : r.ttlS },
      r.repos,
    );
  }

  async function newPage(token: string, r: Renewal): Promise<string> {
    const stored = await r.repos.devicePages.find(token);
    if (!stored) throw new ConflictError('The page this command showed is no longer stored; queue it anew.');
    return deps.hostPage(
      { devId: r.old.devId, commandId: r.newId, page: stored.spec, ttlS: r.ttlS },
      r.repos,
    );
  }

  /** The part again, with a server-made URL replaced by a fresh one; other parts stay as they were. */
  async function renew(part: string, r: Renewal): Promise<{ value: string; jobToken?: string }> {
    const capability = urls.parse(part);
    switch (capability?.kind) {
      case 'object':
        return { value: await copyObject(capability.token, r) };
      case 'inbox':
        return { value: await newInbox(capability.token, r) };
      case 'page':
        return { value: await newPage(capability.token, r) };
      case 'job': {
        const job = urls.mint('job');
        return { value: job.url, jobToken: job.token };
      }
      case 'artifact':
      case 'session':
      case undefined:
        return { value: part };
    }
  }

  return {
    async retry(id, options = {}, createdBy = null) {
      const old = await store.commands.find(id);
      if (!old) throw new NotFoundError(`No command "${id}".`);
      if (!RETRYABLE_STATES.includes(old.state)) {
        throw new ConflictError(
          `The command is ${old.state}; only a failed, expired or cancelled command can be retried.`,
        );
      }
      const newId = randomUUID();
      const ttlS = options.ttlS ?? deps.defaultTtlS;
      const queued = await deps.commands.enqueue(async (repos) => {
        const renewal: Renewal = { repos, old, newId, ttlS, now: deps.clock.now() };
        const wire: string[] = [];
        let jobToken: string | null = null;
        for (const part of old.command) {
          const renewed = await renew(part, renewal);
          wire.push(renewed.value);
          if (renewed.jobToken) jobToken = renewed.jobToken;
        }
        return { id: newId, devId: old.devId, wire, jobToken, ttlS, createdBy };
      });
      return { ...queued, retryOf: old.id };
    },
  };
}
