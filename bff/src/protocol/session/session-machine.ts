// The DM session as a pure state machine: step(state, input) → { state, effects }. No I/O, no clock:
// the caller loads what the step needs (queued commands) and runs the effects (protocol §3, §4). The
// machine also says what each status means (protocol §8), so the effects are intents to carry out.
import type { DmAlert, DmCommand, P3 } from '@dmc/shared/protocol';
import type { SessionEffect } from './effects';
import { jobOutcome } from './job-outcome';
import { queueRereads, rereadAfter, type Reread } from './reread';
import { dmRefusal } from './refusal';
import type { InFlight, SessionState } from './session-state';
import { commandOutcome, followUps, type HostedPrefixes } from './status-meaning';

export type { HostedPrefixes } from './status-meaning';

export interface QueuedCommand {
  id: string;
  wire: string[];
}

export type SessionInput =
  | {
      kind: 'open';
      contUrl: string;
      alerts: DmAlert[];
      /** The DevInfo instance to read when the stored DevInfo is missing or stale (protocol §5). */
      inventory: { moid: string; miid: string } | null;
      queued: QueuedCommand[];
      maxCommands: number;
      /**
       * The EXEC whose outcome this session was opened to deliver, at its job URL (protocol §8);
       * `waiting`: it is still sent or accepted, so an outcome now is its first.
       */
      job?: { commandId: string; target: string | undefined; wire?: string[]; waiting?: boolean };
    }
  | { kind: 'status'; p3: P3; queued: QueuedCommand[]; maxCommands: number; hosted: HostedPrefixes }
  | { kind: 'expire' }
  | { kind: 'supersede' };

export interface StepResult {
  state: SessionState;
  effects: SessionEffect[];
}

function queuedIds(inFlight: readonly InFlight[]): string[] {
  return inFlight.flatMap((c) => (c.kind === 'queued' ? [c.commandId] : []));
}

/** Sends the next batch of queued commands, or END when nothing is left. */
function nextPackage(
  lead: InFlight[],
  queued: QueuedCommand[],
  maxCommands: number,
  packages: number,
): StepResult {
  const batch = queued.slice(0, Math.max(0, maxCommands));
  const inFlight: InFlight[] = [
    ...lead,
    ...batch.map((c): InFlight => ({ kind: 'queued', commandId: c.id, wire: c.wire })),
  ];
  const needsStatus = inFlight.some((c) => c.kind !== 'cont');
  const commands = inFlight.map((c) => c.wire as DmCommand);
  if (!needsStatus) {
    // Nothing that needs an answer: END now rather than cost the device another round trip.
    return {
      state: { kind: 'closed', reason: 'completed' },
      effects: [
        { kind: 'respond', commands: [...commands, ['END']] },
        { kind: 'close', reason: 'completed' },
      ],
    };
  }
  const effects: SessionEffect[] = [];
  if (batch.length > 0) effects.push({ kind: 'mark-sent', commandIds: batch.map((c) => c.id) });
  effects.push({ kind: 'respond', commands });
  return { state: { kind: 'awaiting-status', inFlight, packages: packages + 1 }, effects };
}

function abort(
  inFlight: readonly InFlight[],
  reason: 'abandoned' | 'superseded' | 'aborted',
): SessionEffect[] {
  const ids = queuedIds(inFlight);
  return [
    ...(ids.length > 0 ? [{ kind: 'requeue' as const, commandIds: ids }] : []),
    { kind: 'close', reason },
  ];
}

function onStatus(
  state: Extract<SessionState, { kind: 'awaiting-status' }>,
  input: Extract<SessionInput, { kind: 'status' }>,
): StepResult {
  const { p3 } = input;
  if (p3.Status.length !== state.inFlight.length) {
    // protocol §4: a P3 whose entry count differs is refused and the session aborted.
    return {
      state: { kind: 'closed', reason: 'aborted' },
      effects: [
        {
          kind: 'refuse',
          refusal: dmRefusal(
            'malformed',
            `Expected ${state.inFlight.length} status entries, got ${p3.Status.length}.`,
          ),
        },
        ...abort(state.inFlight, 'aborted'),
      ],
    };
  }
  const effects: SessionEffect[] = [];
  const rereads: { execId: string; read: Reread }[] = [];
  state.inFlight.forEach((sent, i) => {
    const status = p3.Status[i];
    if (!status) return;
    if (sent.kind === 'queued') {
      const outcome = commandOutcome(sent.wire, status, input.hosted);
      effects.push({
        kind: 'record-outcome',
        commandId: sent.commandId,
        from: ['sent'],
        outcome,
        then: followUps(sent.wire, status, input.hosted),
      });
      const read = outcome.state === 'ok' ? rereadAfter(sent.commandId, sent.wire) : undefined;
      if (read) rereads.push({ execId: sent.commandId, read });
    } else if (sent.kind === 'inventory' && status.sc === 200 && status.Data) {
      effects.push({ kind: 'write-inventory', data: status.Data });
    }
  });
  if (p3.Alert && p3.Alert.length > 0) effects.push({ kind: 'store-alerts', alerts: p3.Alert });
  const queued = withRereads(input.queued, rereads);
  const next = nextPackage([], queued, input.maxCommands, state.packages);
  return { state: next.state, effects: [...effects, ...queueRereads(rereads), ...next.effects] };
}

/** The reads after successful EXECs go first; a read already queued is not sent twice. */
function withRereads(
  queued: readonly QueuedCommand[],
  rereads: readonly { read: Reread }[],
): QueuedCommand[] {
  const ids = new Set(rereads.map((r) => r.read.id));
  return [...rereads.map((r) => r.read), ...queued.filter((c) => !ids.has(c.id))];
}

/** A package that reaches a session with nothing to answer it with is refused. */
function refusedIfPackage(input: SessionInput): SessionEffect[] {
  return input.kind === 'status' || input.kind === 'open'
    ? [{ kind: 'refuse', refusal: dmRefusal('malformed', 'The session is closed.') }]
    : [];
}

/**
 * An EXEC outcome the job session's alerts deliver, recorded if the command still waits for it; a
 * success that is the EXEC's first outcome also reads its MO instance back.
 */
function jobEffects(input: Extract<SessionInput, { kind: 'open' }>): {
  effects: SessionEffect[];
  rereads: { execId: string; read: Reread }[];
} {
  if (!input.job) return { effects: [], rereads: [] };
  const outcome = jobOutcome(input.alerts, input.job.target);
  if (!outcome) return { effects: [], rereads: [] };
  const { state, code, result } = outcome;
  const { commandId, wire, waiting } = input.job;
  const read =
    state === 'ok' && waiting === true && wire !== undefined ? rereadAfter(commandId, wire) : undefined;
  return {
    effects: [
      {
        kind: 'record-outcome',
        commandId,
        from: ['sent', 'accepted'],
        outcome: { state, sc: code, result },
        then: [],
      },
    ],
    rereads: read ? [{ execId: commandId, read }] : [],
  };
}

export function step(state: SessionState, input: SessionInput): StepResult {
  switch (state.kind) {
    case 'new': {
      if (input.kind !== 'open')
        return {
          state: { kind: 'closed', reason: 'aborted' },
          effects: [...refusedIfPackage(input), { kind: 'close', reason: 'aborted' }],
        };
      // protocol §3: the first P2 starts with CONT, then the inventory read (protocol §5), then the queue.
      const lead: InFlight[] = [{ kind: 'cont', wire: ['CONT', input.contUrl] }];
      if (input.inventory) {
        const { moid, miid } = input.inventory;
        lead.push({ kind: 'inventory', moid, miid, wire: ['GET', `${moid}/${miid}/`] });
      }
      const job = jobEffects(input);
      const next = nextPackage(lead, withRereads(input.queued, job.rereads), input.maxCommands, 0);
      const alerts: SessionEffect[] =
        input.alerts.length > 0 ? [{ kind: 'store-alerts', alerts: input.alerts }] : [];
      return {
        state: next.state,
        effects: [...job.effects, ...queueRereads(job.rereads), ...alerts, ...next.effects],
      };
    }
    case 'awaiting-status':
      switch (input.kind) {
        case 'status':
          return onStatus(state, input);
        case 'expire':
          return {
            state: { kind: 'closed', reason: 'abandoned' },
            effects: abort(state.inFlight, 'abandoned'),
          };
        case 'supersede':
          return {
            state: { kind: 'closed', reason: 'superseded' },
            effects: abort(state.inFlight, 'superseded'),
          };
        case 'open':
          return {
            state,
            effects: [{ kind: 'refuse', refusal: dmRefusal('malformed', 'This session is already open.') }],
          };
      }
      break;
    case 'closed':
      return { state, effects: refusedIfPackage(input) };
  }
  return { state, effects: [] };
}
