// The DM session as a pure state machine: step(state, input) → { state, effects }. No I/O, no clock:
// the caller loads what the step needs (queued commands) and runs the effects (profile §3, §4).
import type { DmAlert, DmCommand, P3 } from '@dmc/shared/protocol';
import type { SessionEffect } from './effects';
import type { InFlight, SessionState } from './session-state';

export interface QueuedCommand {
  id: string;
  wire: string[];
}

export type SessionInput =
  | {
      kind: 'open';
      contUrl: string;
      alerts: DmAlert[];
      /** The DevInfo instance to read when the stored DevInfo is missing or stale (profile §5). */
      inventory: { moid: string; miid: string } | null;
      queued: QueuedCommand[];
      maxCommands: number;
    }
  | { kind: 'status'; p3: P3; queued: QueuedCommand[]; maxCommands: number }
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
    // profile §4: a P3 whose entry count differs is refused and the session aborted.
    return {
      state: { kind: 'closed', reason: 'aborted' },
      effects: [
        {
          kind: 'refuse',
          httpStatus: 400,
          message: `Expected ${state.inFlight.length} status entries, got ${p3.Status.length}.`,
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
      effects.push({ kind: 'command-status', commandId: sent.commandId, wire: sent.wire, status });
    } else if (sent.kind === 'inventory') {
      effects.push({ kind: 'inventory-status', moid: sent.moid, miid: sent.miid, status });
    }
  });
  if (p3.Alert && p3.Alert.length > 0) effects.push({ kind: 'store-alerts', alerts: p3.Alert });
  const next = nextPackage([], input.queued, input.maxCommands, state.packages);
  return { state: next.state, effects: [...effects, ...next.effects] };
}

export function step(state: SessionState, input: SessionInput): StepResult {
  switch (state.kind) {
    case 'new': {
      if (input.kind !== 'open')
        return {
          state: { kind: 'closed', reason: 'aborted' },
          effects: [{ kind: 'close', reason: 'aborted' }],
        };
      // profile §3: the first P2 starts with CONT, then the inventory read (profile §5), then the queue.
      const lead: InFlight[] = [{ kind: 'cont', wire: ['CONT', input.contUrl] }];
      if (input.inventory) {
        const { moid, miid } = input.inventory;
        lead.push({ kind: 'inventory', moid, miid, wire: ['GET', `${moid}/${miid}/`] });
      }
      const next = nextPackage(lead, input.queued, input.maxCommands, 0);
      const alerts: SessionEffect[] =
        input.alerts.length > 0 ? [{ kind: 'store-alerts', alerts: input.alerts }] : [];
      return { state: next.state, effects: [...alerts, ...next.effects] };
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
            effects: [{ kind: 'refuse', httpStatus: 400, message: 'This session is already open.' }],
          };
      }
      break;
    case 'closed':
      return { state, effects: [] };
  }
  return { state, effects: [] };
}
