// The DM session as a pure state machine: step(state, input) → { state, effects }. No I/O, no clock:
// the caller loads what the step needs (queued commands) and runs the effects (protocol §3, §4). The
// machine also says what each status means (protocol §8), so the effects are intents to carry out.
import type { DmAlert, DmCommand, P3 } from '@dmc/shared/protocol';
import type { SessionEffect } from './effects';
import { jobOutcome } from './job-outcome';
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
      /** The EXEC whose outcome this session was opened to deliver, at its job URL (protocol §8). */
      job?: { commandId: string; target: string | undefined };
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
  state.inFlight.forEach((sent, i) => {
    const status = p3.Status[i];
    if (!status) return;
    if (sent.kind === 'queued') {
      effects.push({
        kind: 'record-outcome',
        commandId: sent.commandId,
        from: ['sent'],
        outcome: commandOutcome(sent.wire, status, input.hosted),
        then: followUps(sent.wire, status, input.hosted),
      });
    } else if (sent.kind === 'inventory' && status.sc === 200 && status.Data) {
      effects.push({ kind: 'write-inventory', data: status.Data });
    }
  });
  if (p3.Alert && p3.Alert.length > 0) effects.push({ kind: 'store-alerts', alerts: p3.Alert });
  const next = nextPackage([], input.queued, input.maxCommands, state.packages);
  return { state: next.state, effects: [...effects, ...next.effects] };
}

/** A package that reaches a session with nothing to answer it with is refused. */
function refusedIfPackage(input: SessionInput): SessionEffect[] {
  return input.kind === 'status' || input.kind === 'open'
    ? [{ kind: 'refuse', refusal: dmRefusal('malformed', 'The session is closed.') }]
    : [];
}

/** An EXEC outcome the job session's alerts deliver, recorded if the command still waits for it. */
function jobEffects(input: Extract<SessionInput, { kind: 'open' }>): SessionEffect[] {
  if (!input.job) return [];
  const outcome = jobOutcome(input.alerts, input.job.target);
  if (!outcome) return [];
  const { state, code, result } = outcome;
  return [
    {
      kind: 'record-outcome',
      commandId: input.job.commandId,
      from: ['sent', 'accepted'],
      outcome: { state, sc: code, result },
      then: [],
    },
  ];
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
      const next = nextPackage(lead, input.queued, input.maxCommands, 0);
      const alerts: SessionEffect[] =
        input.alerts.length > 0 ? [{ kind: 'store-alerts', alerts: input.alerts }] : [];
      return { state: next.state, effects: [...jobEffects(input), ...alerts, ...next.effects] };
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
