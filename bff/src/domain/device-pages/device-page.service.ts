// User interaction (protocol §1, §8): one-time pages at <public>/ui/<token> that a SHOW opens on the
// device. The person's answer becomes the command's result: accepted → ok.
import { createHash, timingSafeEqual } from 'node:crypto';
import { FINAL_COMMAND_STATES, type PageAnswer, type PageSpec } from '@dmc/shared/api';
import type { Repositories, Store, DevicePageRow } from '../../persistence/ports';
import type { Clock, EventPublisher } from '../ports';
import { newToken } from '../auth/tokens';
import { capabilityUrls } from '../capabilities/capability-urls';
import { InputError } from '../errors';
import { commandStateChanged, publish } from '../events/live-events';
import type { FieldErrors, FormInput } from './form-validator';
import { postponeOptionsOf, readAnswer } from './page-answer';
import type { PageTemplateService } from '../page-templates/page-template.service';

/** What a page shows; `formSecret` goes into its form as a hidden field. */
export interface DevicePageView {
  token: string;
  spec: PageSpec;
  formSecret: string;
  expiresAt: Date;
}

/** Why a page cannot be shown or answered. */
export type PageUnavailable =
  { kind: 'missing' } | { kind: 'expired' } | { kind: 'answered'; answer: PageAnswer | null };

export type PageLookup = { kind: 'open'; page: DevicePageView } | PageUnavailable;

export interface PageSubmission {
  /** The hidden form secret sent back. */
  secret: string | undefined;
  /** Value of the pressed button. */
  choice: string | undefined;
  /** The whole form body (form pages read their fields from it). */
  fields: FormInput;
}

export type AnswerOutcome =
  | { kind: 'recorded'; answer: PageAnswer }
  | PageUnavailable
  | { kind: 'forbidden' }
  | {
      kind: 'invalid';
      page: DevicePageView;
      message: string;
      errors: FieldErrors;
      entered: Record<string, string>;
    };

export interface HostPageInput {
  devId: string;
  commandId: string;
  page?: PageSpec | undefined;
  templateId?: string | undefined;
  ttlS: number;
}

export interface DevicePageService {
  /** Hosts the page a `["SHOW", null]` opens; returns its absolute URL. `repos`: the transaction that queues its command. */
  hostPage(input: HostPageInput, repos: Repositories): Promise<string>;
  open(token: string): Promise<PageLookup>;
  answer(token: string, submission: PageSubmission): Promise<AnswerOutcome>;
}

function sameSecret(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  // Digests have equal length, so the comparison takes the same time whatever was sent.
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/** Raised inside the answer transaction to roll it back when the command no longer waits. */
class CommandClosed extends Error {}

export function createDevicePageService(
  store: Store,
  deps: { clock: Clock; events: EventPublisher; publicUrl: string; templates: PageTemplateService },
): DevicePageService {
  const { clock, events } = deps;
  const urls = capabilityUrls(deps.publicUrl);

  /** A page that can still be answered, or why not. */
  async function lookup(token: string): Promise<{ kind: 'open'; row: DevicePageRow } | PageUnavailable> {
    const row = await store.devicePages.find(token);
    if (!row) return { kind: 'missing' };
    if (row.answeredAt) return { kind: 'answered', answer: row.answer };
    if (row.expiresAt.getTime() <= clock.now().getTime()) return { kind: 'expired' };
    const command = await store.commands.find(row.commandId);
    // The SHOW failed, was cancelled or expired: nobody waits for the answer any more.
    if (!command || FINAL_COMMAND_STATES.includes(command.state)) return { kind: 'expired' };
    return { kind: 'open', row };
  }

  const view = (row: DevicePageRow): DevicePageView => ({
    token: row.token,
    spec: row.spec,
    formSecret: row.formSecret,
    expiresAt: row.expiresAt,
  });

  async function record(row: DevicePageRow, answer: PageAnswer): Promise<AnswerOutcome> {
    const now = clock.now();
    try {
      const command = await store.transaction(async (repos) => {
        if (!(await repos.devicePages.answer(row.token, answer, now))) return undefined;
        const moved = await repos.commands.transition(row.commandId, ['accepted', 'sent'], {
          state: 'ok',
          at: now,
          result: answer,
        });
        if (!moved) throw new CommandClosed();
        return moved;
      });
      if (!command)
        return { kind: 'answered', answer: (await store.devicePages.find(row.token))?.answer ?? null };
      publish(events, commandStateChanged(command, now));
      return { kind: 'recorded', answer };
    } catch (error) {
      if (error instanceof CommandClosed) return { kind: 'expired' };
      throw error;
    }
  }

  return {
    async hostPage({ devId, commandId, page, templateId, ttlS }, repos) {
      if (page && templateId !== undefined)
        throw new InputError('Give either "page" or "pageTemplateId", not both.');
      const chosen =
        page ?? (templateId === undefined ? undefined : await deps.templates.spec(templateId, repos));
      if (!chosen) throw new InputError('SHOW without a ServerURI needs "page" or "pageTemplateId".');
      // The delays are fixed when the page is made, so a later default cannot change an open page.
      const spec: PageSpec =
        chosen.kind === 'postpone' ? { ...chosen, postponeOptionsS: [...postponeOptionsOf(chosen)] } : chosen;
      const now = clock.now();
      const created = urls.mint('page');
      await repos.devicePages.create({
        token: created.token,
        devId,
        commandId,
        spec,
        formSecret: newToken(16),
        createdAt: now,
        expiresAt: new Date(now.getTime() + ttlS * 1000),
        answeredAt: null,
        answer: null,
      });
      return created.url;
    },

    async open(token) {
      const found = await lookup(token);
      return found.kind === 'open' ? { kind: 'open', page: view(found.row) } : found;
    },

    async answer(token, submission) {
      const found = await lookup(token);
      if (found.kind !== 'open') return found;
      if (!sameSecret(found.row.formSecret, submission.secret)) return { kind: 'forbidden' };
      const read = readAnswer(found.row.spec, submission.choice, submission.fields);
      if (!read.ok) {
        const { message, errors, entered } = read;
        return { kind: 'invalid', page: view(found.row), message, errors, entered };
      }
      return record(found.row, read.answer);
    },
  };
}
