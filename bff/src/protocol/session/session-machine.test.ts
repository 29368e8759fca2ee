import { describe, expect, it } from 'vitest';
import { step, type HostedPrefixes, type QueuedCommand, type SessionInput } from './session-machine';
import { NEW_SESSION, type SessionState } from './session-state';

const CONT = 'http://dms.test/dm/s/tok';
const DEVINFO = { moid: 'urn:oma:mo:oma-dm-devinfo:1.0', miid: 'd1' };
const q = (id: string, ...wire: string[]): QueuedCommand => ({ id, wire });
const hosted: HostedPrefixes = { objects: 'http://dms.test/dr/objects/', pages: 'http://dms.test/ui/' };

function open(queued: QueuedCommand[] = [], inventory: typeof DEVINFO | null = null, maxCommands = 10) {
  return step(NEW_SESSION, { kind: 'open', contUrl: CONT, alerts: [], inventory, queued, maxCommands });
}

describe('session machine', () => {
  it('starts the first P2 with CONT, then the inventory GET, then queued commands in order', () => {
    const { state, effects } = open(
      [q('c1', 'GET', 'urn:x:1.0//A'), q('c2', 'DELETE', 'urn:x:1.0//B')],
      DEVINFO,
    );
    expect(effects).toContainEqual({ kind: 'mark-sent', commandIds: ['c1', 'c2'] });
    expect(effects).toContainEqual({
      kind: 'respond',
      commands: [
        ['CONT', CONT],
        ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0/d1/'],
        ['GET', 'urn:x:1.0//A'],
        ['DELETE', 'urn:x:1.0//B'],
      ],
    });
    expect(state.kind).toBe('awaiting-status');
  });

  it('answers CONT and END at once when there is nothing to do', () => {
    const { state, effects } = open();
    expect(effects).toEqual([
      { kind: 'respond', commands: [['CONT', CONT], ['END']] },
      { kind: 'close', reason: 'completed' },
    ]);
    expect(state).toEqual({ kind: 'closed', reason: 'completed' });
  });

  it('caps the commands per P2 and sends the rest in the next package', () => {
    const queued = [q('c1', 'GET', 'a'), q('c2', 'GET', 'b'), q('c3', 'GET', 'c')];
    const first = open(queued, null, 2);
    expect(first.effects).toContainEqual({ kind: 'mark-sent', commandIds: ['c1', 'c2'] });
    const second = step(first.state, {
      kind: 'status',
      p3: { Status: [{ sc: 200 }, { sc: 200 }, { sc: 200 }] },
      queued: [queued[2]!],
      maxCommands: 2,
      hosted,
    });
    expect(second.effects).toContainEqual({ kind: 'mark-sent', commandIds: ['c3'] });
    expect(second.effects).toContainEqual({ kind: 'respond', commands: [['GET', 'c']] });
  });

  it('matches statuses by position and ends the session when the queue is empty', () => {
    const first = open([q('c1', 'GET', 'a')], DEVINFO);
    const { state, effects } = step(first.state, {
      kind: 'status',
      p3: { Status: [{ sc: 200 }, { sc: 200, Data: [] }, { sc: 404 }], Alert: [{ AlertType: 'urn:x:y' }] },
      queued: [],
      maxCommands: 10,
      hosted,
    });
    expect(effects).toEqual([
      { kind: 'write-inventory', data: [] },
      {
        kind: 'record-outcome',
        commandId: 'c1',
        from: ['sent'],
        outcome: { state: 'failed', sc: 404, result: null },
        then: [],
      },
      { kind: 'store-alerts', alerts: [{ AlertType: 'urn:x:y' }] },
      { kind: 'respond', commands: [['END']] },
      { kind: 'close', reason: 'completed' },
    ]);
    expect(state).toEqual({ kind: 'closed', reason: 'completed' });
  });

  it('refuses a P3 whose status count differs, aborts and re-queues the commands', () => {
    const first = open([q('c1', 'GET', 'a'), q('c2', 'GET', 'b')]);
    const { state, effects } = step(first.state, {
      kind: 'status',
      p3: { Status: [{ sc: 200 }, { sc: 200 }] },
      queued: [],
      maxCommands: 10,
      hosted,
    });
    expect(effects[0]).toEqual({
      kind: 'refuse',
      refusal: { reason: 'malformed', message: 'Expected 3 status entries, got 2.' },
    });
    expect(effects).toContainEqual({ kind: 'requeue', commandIds: ['c1', 'c2'] });
    expect(effects).not.toContainEqual(expect.objectContaining({ kind: 'record-outcome' }));
    expect(effects).not.toContainEqual(expect.objectContaining({ kind: 'respond' }));
    expect(state).toEqual({ kind: 'closed', reason: 'aborted' });
  });

  it.each(['expire', 'supersede'] as const)('re-queues in-flight commands on %s', (kind) => {
    const first = open([q('c1', 'GET', 'a')]);
    const { state, effects } = step(first.state, { kind });
    const reason = kind === 'expire' ? 'abandoned' : 'superseded';
    expect(effects).toEqual([
      { kind: 'requeue', commandIds: ['c1'] },
      { kind: 'close', reason },
    ]);
    expect(state).toEqual({ kind: 'closed', reason });
  });

  it('changes nothing once closed, and refuses a package that still arrives', () => {
    const closed: SessionState = { kind: 'closed', reason: 'completed' };
    const p3: SessionInput = { kind: 'status', p3: { Status: [] }, queued: [], maxCommands: 1, hosted };
    expect(step(closed, p3)).toEqual({
      state: closed,
      effects: [{ kind: 'refuse', refusal: { reason: 'malformed', message: 'The session is closed.' } }],
    });
    expect(step(closed, { kind: 'expire' })).toEqual({ state: closed, effects: [] });
  });

  it('refuses a second P1 on an open session and keeps it as it was', () => {
    const first = open([q('c1', 'GET', 'a')]);
    const again = step(first.state, {
      kind: 'open',
      contUrl: CONT,
      alerts: [],
      inventory: null,
      queued: [],
      maxCommands: 10,
    });
    expect(again).toEqual({
      state: first.state,
      effects: [
        { kind: 'refuse', refusal: { reason: 'malformed', message: 'This session is already open.' } },
      ],
    });
  });
});
