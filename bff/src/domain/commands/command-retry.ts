// Retry (console): a command that ended in failure is queued again as a new command. The wire
// command stays the same, but every server-made capability URL in it is made afresh (profile §8,
// ARCHITECTURE invariant 10), so the old URL's one-time page, job or upload is never reused.
import { randomUUID } from 'node:crypto';
import type { CommandState, RetriedCommand } from '@dmc/shared/api';
import type { CommandRow, InboxKind, Store } from '../../persistence/ports';
import type { Clock } from '../ports';
import { newToken } from '../auth/tokens';
import { ConflictError, NotFoundError } from '../errors';
import type { DrService } from '../dr/dr.service';
import type { HostPageInput } from '../device-pages/device-page.service';
import type { CommandService } from './command.service';

export interface CommandRetry {
  /** Queues a failed, expired or cancelled command again; ConflictError for any other state. */
  retry(id: string, options?: { ttlS?: number | undefined }): Promise<RetriedCommand>;
}

/** States a command can be retried from. */
export const RETRYABLE_STATES: readonly CommandState[] = ['failed', 'expired', 'cancelled'];

const INBOX_KINDS: readonly string[] = ['HPUT', 'HPOST', 'SUB'];

interface RetryDeps {
  clock: Clock;
  publicUrl: string;
  defaultTtlS: number;
  dr: DrService;
  hostPage: (input: HostPageInput) => Promise<string>;
  commands: Pick<CommandService, 'enqueue'>;
}

/** What a fresh URL is made for. */
interface Renewal {
  old: CommandRow;
  newId: string;
  ttlS: number;
  now: Date;
}

export function createCommandRetry(store: Store, deps: RetryDeps): CommandRetry {
  const base = deps.publicUrl;
  const prefixes = {
    object: `${base}/dr/objects/`,
    inbox: `${base}/dr/inbox/`,
    job: `${base}/dm/jobs/`,
    page: `${base}/ui/`,
  };

  async function copyObject(id: string, r: Renewal): Promise<string> {
    const stored = await store.drObjects.find(id);
    if (!stored) throw new ConflictError('The data this command wrote is no longer stored; queue it anew.');
    const copy = newToken();
    await store.drObjects.create({
      ...stored,
      id: copy,
      commandId: r.newId,
      createdAt: r.now,
      expiresAt: new Date(r.now.getTime() + r.ttlS * 1000),
    });
    return `${prefixes.object}${copy}`;
  }

  async function newInbox(token: string, r: Renewal): Promise<string> {
    const stored = await store.inboxes.find(token);
    const name = r.old.command[0] ?? '';
    const kind = (stored?.kind ?? name) as InboxKind;
    if (!INBOX_KINDS.includes(kind))
      throw new ConflictError('The upload address of this command is unknown.');
    const clientUri = stored?.clientUri ?? (kind === 'SUB' ? (r.old.command[2] ?? null) : null);
    return deps.dr.openInbox({
      devId: r.old.devId,
      commandId: r.newId,
      kind,
      clientUri,
      ttlS: kind === 'SUB' ? null : r.ttlS,
    });
  }

  async function newPage(token: string, r: Renewal): Promise<string> {
    const stored = await store.uiPages.find(token);
    if (!stored) throw new ConflictError('The page this command showed is no longer stored; queue it anew.');
    return deps.hostPage({ devId: r.old.devId, commandId: r.newId, page: stored.spec, ttlS: r.ttlS });
  }

  /** The part again, with a server-made URL replaced by a fresh one; other parts stay as they were. */
  async function renew(part: string, r: Renewal): Promise<{ value: string; jobToken?: string }> {
    if (part.startsWith(prefixes.object))
      return { value: await copyObject(part.slice(prefixes.object.length), r) };
    if (part.startsWith(prefixes.inbox))
      return { value: await newInbox(part.slice(prefixes.inbox.length), r) };
    if (part.startsWith(prefixes.page)) return { value: await newPage(part.slice(prefixes.page.length), r) };
    if (part.startsWith(prefixes.job)) {
      const jobToken = newToken();
      return { value: `${prefixes.job}${jobToken}`, jobToken };
    }
    return { value: part };
  }

  return {
    async retry(id, options = {}) {
      const old = await store.commands.find(id);
      if (!old) throw new NotFoundError(`No command "${id}".`);
      if (!RETRYABLE_STATES.includes(old.state)) {
        throw new ConflictError(
          `The command is ${old.state}; only a failed, expired or cancelled command can be retried.`,
        );
      }
      const now = deps.clock.now();
      const renewal: Renewal = { old, newId: randomUUID(), ttlS: options.ttlS ?? deps.defaultTtlS, now };
      const wire: string[] = [];
      let jobToken: string | null = null;
      for (const part of old.command) {
        const renewed = await renew(part, renewal);
        wire.push(renewed.value);
        if (renewed.jobToken) jobToken = renewed.jobToken;
      }
      const queued = await deps.commands.enqueue({
        id: renewal.newId,
        devId: old.devId,
        wire,
        jobToken,
        ttlS: renewal.ttlS,
      });
      return { ...queued, retryOf: old.id };
    },
  };
}
