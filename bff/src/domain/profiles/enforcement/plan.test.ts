import { describe, expect, it } from 'vitest';
import type { ProfileDeviceRow } from '../../../persistence/ports';
import { isProfileCommandId, profileCommandId } from './derived-ids';
import {
  commandIdsToRead,
  hasInFlight,
  isSettled,
  plan,
  type CommandFact,
  type EnforcedProfile,
  type NodeVerdict,
  type PlanInput,
} from './plan';

const DEV = 'IMEI:1';
const NOW = new Date('2026-12-05T20:00:00Z');
const URI = 'urn:oma:mo:oma-dcmo:1.0/Camera/Enabled';
const OTHER = 'urn:oma:mo:oma-fumo:1.0/fw/DownloadAndUpdate/PkgURL';

function profile(id: string, fields: Partial<EnforcedProfile> = {}): EnforcedProfile {
  return {
    id,
    name: `name-${id}`,
    priority: 0,
    revision: 1,
    driftRetries: 2,
    nodes: [{ uri: URI, value: 'false' }],
    execs: [],
    ...fields,
  };
}

const allowed: NodeVerdict = { kind: 'allowed' };

function input(fields: Partial<PlanInput>): PlanInput {
  return {
    devId: DEV,
    now: NOW,
    profiles: [profile('p1')],
    previous: new Map(),
    stored: new Map(),
    facts: new Map(),
    phase: 'contact',
    ...fields,
  };
}

/** Plans twice as the enforcer does: first to learn which writes need a verdict, then with them. */
function planWith(fields: Partial<PlanInput>, verdict: NodeVerdict = allowed) {
  const first = plan(input(fields));
  const verdicts = new Map(first.wants.map((w) => [w.uri, verdict]));
  return plan(input({ ...fields, verdicts }));
}

const ids = (p: EnforcedProfile, generation: number, uri = URI, since = NOW) => ({
  write: profileCommandId({
    profileId: p.id,
    revision: p.revision,
    devId: DEV,
    since: since.getTime(),
    uri,
    generation,
    kind: 'write',
  }),
  read: profileCommandId({
    profileId: p.id,
    revision: p.revision,
    devId: DEV,
    since: since.getTime(),
    uri,
    generation,
    kind: 'read',
  }),
});

const ok: CommandFact = { state: 'ok', sc: 200, reason: null };
const sent: CommandFact = { state: 'sent', sc: null, reason: null };

function byId(states: readonly ProfileDeviceRow[]): Map<string, ProfileDeviceRow> {
  return new Map(states.map((s) => [s.profileId, s]));
}

describe('profile command ids', () => {
  it('are UUIDs marked as a profile command, derived from the whole key', () => {
    const key = {
      profileId: 'p',
      revision: 1,
      devId: DEV,
      since: NOW.getTime(),
      uri: URI,
      generation: 0,
      kind: 'write',
    } as const;
    const id = profileCommandId(key);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8f17-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(isProfileCommandId(id)).toBe(true);
    expect(isProfileCommandId('1b4e28ba-2fa1-41d2-883f-0016d3cca427')).toBe(false);
    for (const change of [
      { revision: 2 },
      { since: NOW.getTime() + 1 },
      { generation: 1 },
      { kind: 'read' as const },
      { uri: OTHER },
    ])
      expect(profileCommandId({ ...key, ...change })).not.toBe(id);
  });
});

describe('profile enforcement plan', () => {
  it('a node that differs asks for a verdict first and sends nothing', () => {
    const result = plan(input({ stored: new Map([[URI, 'true']]) }));
    expect(result.commands).toEqual([]);
    expect(result.wants).toEqual([{ uri: URI, value: 'false' }]);
  });

  it('writes and reads back a node that differs, with derived ids; pending says what it does', () => {
    const p = profile('p1');
    const result = planWith({ profiles: [p], stored: new Map([[URI, 'true']]) });
    const { write, read } = ids(p, 0);
    expect(result.commands).toEqual([
      { id: write, kind: 'write', profileId: 'p1', uri: URI, value: 'false' },
      { id: read, kind: 'read', profileId: 'p1', uri: URI },
    ]);
    expect(result.changed).toHaveLength(1);
    expect(result.states[0]).toMatchObject({ status: 'pending', reason: `writing ${URI}`, revision: 1 });
    expect(result.states[0]?.nodes[0]).toMatchObject({ state: 'writing', commandId: write, driftWrites: 0 });
    // The same inputs give the same ids: a retried or raced P1 queues the same commands.
    expect(planWith({ profiles: [p], stored: new Map([[URI, 'true']]) }).commands).toEqual(result.commands);
  });

  it('a node already holding the value is verified without a write', () => {
    const result = plan(input({ stored: new Map([[URI, 'false']]) }));
    expect(result.commands).toEqual([]);
    expect(result.wants).toEqual([]);
    expect(result.states[0]).toMatchObject({ status: 'verified', reason: null });
  });

  it('the P3 fold: write ok and read-back equal → verified; nothing new is queued', () => {
    const p = profile('p1');
    const written = planWith({ profiles: [p], stored: new Map([[URI, 'true']]) });
    const previous = byId(written.states);
    expect(hasInFlight(written.states)).toBe(true);
    const { write, read } = ids(p, 0);
    expect(commandIdsToRead(DEV, [p], previous)).toEqual([write, read]);
    const folded = plan(
      input({
        profiles: [p],
        previous,
        phase: 'status',
        stored: new Map([[URI, 'false']]),
        facts: new Map([
          [write, ok],
          [read, ok],
        ]),
      }),
    );
    expect(folded.commands).toEqual([]);
    expect(folded.states[0]).toMatchObject({ status: 'verified', reason: null });
    expect(folded.states[0]?.nodes[0]).toMatchObject({ state: 'verified', commandId: read, driftWrites: 0 });
  });

  it('a node verified by its read-back stays as it is at the next P1 (no state written)', () => {
    const p = profile('p1');
    const written = planWith({ profiles: [p], stored: new Map([[URI, 'true']]) });
    const { write, read } = ids(p, 0);
    const facts = new Map([
      [write, ok],
      [read, ok],
    ]);
    const stored = new Map([[URI, 'false']]);
    const folded = plan(
      input({ profiles: [p], previous: byId(written.states), phase: 'status', stored, facts }),
    );
    const next = plan(input({ profiles: [p], previous: byId(folded.states), stored }));
    expect(next.changed).toEqual([]);
    expect(next.commands).toEqual([]);
  });

  it('a device that left and matches again at the same revision gets new ids (the membership epoch)', () => {
    const p = profile('p1');
    const first = planWith({ profiles: [p], stored: new Map([[URI, 'true']]) });
    const old = ids(p, 0);
    expect(first.commands.map((c) => c.id)).toEqual([old.write, old.read]);
    expect(first.states[0]?.since).toEqual(NOW);
    // Verified, then its state removed (it stopped matching); later it matches again and differs.
    const later = new Date(NOW.getTime() + 60_000);
    const facts = new Map([
      [old.write, ok],
      [old.read, ok],
    ]);
    const again = planWith({ now: later, profiles: [p], stored: new Map([[URI, 'true']]), facts });
    const fresh = ids(p, 0, URI, later);
    expect(fresh.write).not.toBe(old.write);
    expect(again.commands.map((c) => c.id)).toEqual([fresh.write, fresh.read]);
    expect(again.states[0]).toMatchObject({ status: 'pending', since: later });
    // The membership goes on: the next P1 keeps its epoch and reads its own commands' facts.
    const previous = byId(again.states);
    const next = new Date(later.getTime() + 60_000);
    expect(commandIdsToRead(DEV, [p], previous)).toEqual([fresh.write, fresh.read]);
    const folded = plan(
      input({
        now: next,
        profiles: [p],
        previous,
        phase: 'status',
        stored: new Map([[URI, 'false']]),
        facts: new Map([
          [fresh.write, ok],
          [fresh.read, ok],
        ]),
      }),
    );
    expect(folded.states[0]).toMatchObject({ status: 'verified', since: later });
    // A new revision restarts the state but not the membership.
    const p2 = { ...p, revision: 2 };
    const restarted = planWith({ now: next, profiles: [p2], previous, stored: new Map([[URI, 'true']]) });
    expect(restarted.commands[0]?.id).toBe(ids(p2, 0, URI, later).write);
    expect(restarted.states[0]?.since).toEqual(later);
  });

  it('in flight, a node is never written again (at most one write per node)', () => {
    const p = profile('p1');
    const written = planWith({ profiles: [p], stored: new Map([[URI, 'true']]) });
    const { write } = ids(p, 0);
    const again = planWith({
      profiles: [p],
      previous: byId(written.states),
      stored: new Map([[URI, 'true']]),
      facts: new Map([[write, sent]]),
    });
    expect(again.commands).toEqual([]);
    expect(again.changed).toEqual([]);
    expect(again.states[0]?.nodes[0]?.state).toBe('writing');
  });

  it('a failed write is failed with the DM status and its meaning', () => {
    const p = profile('p1');
    const written = planWith({ profiles: [p], stored: new Map([[URI, 'true']]) });
    const { write, read } = ids(p, 0);
    const folded = plan(
      input({
        profiles: [p],
        previous: byId(written.states),
        phase: 'status',
        facts: new Map<string, CommandFact>([
          [write, { state: 'failed', sc: 405, reason: null }],
          [read, ok],
        ]),
      }),
    );
    const [state] = folded.states;
    expect(state?.status).toBe('failed');
    expect(state?.nodes[0]).toMatchObject({ state: 'failed', sc: 405 });
    expect(state?.reason).toMatch(/answered 405 \(Not allowed: the node does not permit this command/);
  });

  it('a read-back that reports another value fails and says what the device reports', () => {
    const p = profile('p1');
    const written = planWith({ profiles: [p], stored: new Map([[URI, 'true']]) });
    const { write, read } = ids(p, 0);
    const folded = plan(
      input({
        profiles: [p],
        previous: byId(written.states),
        phase: 'status',
        stored: new Map([[URI, 'maybe']]),
        facts: new Map([
          [write, ok],
          [read, ok],
        ]),
      }),
    );
    expect(folded.states[0]?.reason).toBe(`${URI}: the device reports 'maybe' after the write of 'false'`);
  });

  it('the dry run refusal fails the node with its reason and sends nothing', () => {
    const result = planWith(
      { stored: new Map([[URI, 'true']]) },
      { kind: 'refused', reason: 'DCMO/Enabled allows only Get; writing it needs Replace' },
    );
    expect(result.commands).toEqual([]);
    expect(result.states[0]).toMatchObject({
      status: 'failed',
      reason: `${URI}: the dry run refuses the write: DCMO/Enabled allows only Get; writing it needs Replace`,
    });
  });

  it('a running campaign on the node makes the profile wait and say so', () => {
    const result = planWith({ stored: new Map([[URI, 'true']]) }, { kind: 'campaign', campaign: 'cam-off' });
    expect(result.commands).toEqual([]);
    expect(result.states[0]).toMatchObject({
      status: 'pending',
      reason: `${URI}: waiting for campaign 'cam-off'`,
    });
  });

  it('drift: a verified node that differs is written again and counted, up to the cap, then failed drift-retries', () => {
    const p = profile('p1', { driftRetries: 2 });
    let previous = byId(plan(input({ profiles: [p], stored: new Map([[URI, 'false']]) })).states);
    for (const generation of [1, 2]) {
      const drifted = planWith({ profiles: [p], previous, stored: new Map([[URI, 'true']]) });
      const { write, read } = ids(p, generation);
      expect(drifted.commands.map((c) => c.id)).toEqual([write, read]);
      expect(drifted.states[0]?.nodes[0]).toMatchObject({ state: 'writing', driftWrites: generation });
      const folded = plan(
        input({
          profiles: [p],
          previous: byId(drifted.states),
          phase: 'status',
          stored: new Map([[URI, 'false']]),
          facts: new Map([
            [write, ok],
            [read, ok],
          ]),
        }),
      );
      expect(folded.states[0]?.status).toBe('verified');
      previous = byId(folded.states);
    }
    const capped = planWith({ profiles: [p], previous, stored: new Map([[URI, 'true']]) });
    expect(capped.commands).toEqual([]);
    expect(capped.states[0]?.status).toBe('failed');
    expect(capped.states[0]?.reason).toMatch(/^urn:.*: drift-retries: /);
    expect(capped.states[0]?.nodes[0]).toMatchObject({ state: 'failed', driftWrites: 2 });
  });

  it('two profiles setting one node differently: the first (higher priority) wins, the other is conflicted naming it', () => {
    const high = profile('high', { priority: 10, name: 'wifi-eu' });
    const low = profile('low', { priority: 1, nodes: [{ uri: URI, value: 'true' }] });
    const result = planWith({ profiles: [high, low], stored: new Map([[URI, 'x']]) });
    expect(result.commands.filter((c) => c.kind === 'write')).toEqual([
      expect.objectContaining({ profileId: 'high', value: 'false' }),
    ]);
    const states = byId(result.states);
    expect(states.get('low')).toMatchObject({
      status: 'conflicted',
      reason: `${URI} is held by profile 'wifi-eu' (priority 10), which sets it to 'false'`,
    });
    expect(states.get('high')?.status).toBe('pending');
  });

  it('two profiles setting one node alike: one write, the other follows and is verified with it', () => {
    const a = profile('a', { nodes: [{ uri: URI, value: 'false' }] });
    const b = profile('b', { nodes: [{ uri: URI, value: 'false' }] });
    const result = planWith({ profiles: [a, b], stored: new Map([[URI, 'true']]) });
    expect(result.commands.filter((c) => c.kind === 'write')).toHaveLength(1);
    expect(byId(result.states).get('b')).toMatchObject({
      status: 'pending',
      reason: `${URI}: written by profile 'name-a'`,
    });
    const next = plan(
      input({
        profiles: [a, b],
        previous: byId(result.states),
        stored: new Map([[URI, 'false']]),
        facts: new Map(),
      }),
    );
    expect(byId(next.states).get('b')?.status).toBe('verified');
  });

  it('EXECs run once, after every node is verified', () => {
    const p = profile('p1', { execs: [{ uri: 'urn:oma:mo:oma-dcmo:1.0/Camera/Operations/Enable' }] });
    const waiting = planWith({ profiles: [p], stored: new Map([[URI, 'true']]) });
    expect(waiting.commands.map((c) => c.kind)).toEqual(['write', 'read']);
    expect(waiting.states[0]?.execs[0]).toMatchObject({ state: 'waiting' });
    const verified = plan(
      input({ profiles: [p], previous: byId(waiting.states), stored: new Map([[URI, 'false']]) }),
    );
    // The write vanished from the facts, but the device reports the value: verified, and the EXEC goes.
    expect(verified.commands.map((c) => c.kind)).toEqual(['exec']);
    const execId = verified.commands[0]?.id ?? '';
    expect(verified.states[0]).toMatchObject({
      status: 'pending',
      reason: `running EXEC ${p.execs[0]?.uri}`,
    });
    const done = plan(
      input({
        profiles: [p],
        previous: byId(verified.states),
        stored: new Map([[URI, 'false']]),
        facts: new Map([[execId, ok]]),
      }),
    );
    expect(done.commands).toEqual([]);
    expect(done.states[0]).toMatchObject({ status: 'verified' });
    const later = plan(
      input({ profiles: [p], previous: byId(done.states), stored: new Map([[URI, 'false']]) }),
    );
    expect(later.commands).toEqual([]);
    expect(later.changed).toEqual([]);
  });

  it('a new revision starts the device over', () => {
    const p = profile('p1', { driftRetries: 0 });
    const previous = byId(plan(input({ profiles: [p], stored: new Map([[URI, 'false']]) })).states);
    const capped = planWith({ profiles: [p], previous, stored: new Map([[URI, 'true']]) });
    expect(capped.states[0]?.status).toBe('failed');
    const next = { ...p, revision: 2 };
    const again = planWith({
      profiles: [next],
      previous: byId(capped.states),
      stored: new Map([[URI, 'true']]),
    });
    expect(again.commands.map((c) => c.id)).toEqual([ids(next, 0).write, ids(next, 0).read]);
    expect(again.states[0]).toMatchObject({ status: 'pending', revision: 2 });
  });

  it('a steady state changes nothing', () => {
    const profiles = [profile('a'), profile('b', { nodes: [{ uri: OTHER, value: 'http://x' }] })];
    const stored = new Map([
      [URI, 'false'],
      [OTHER, 'http://x'],
    ]);
    const first = plan(input({ profiles, stored }));
    expect(first.states.map((s) => s.status)).toEqual(['verified', 'verified']);
    const second = plan(input({ profiles, stored, previous: byId(first.states) }));
    expect(second.changed).toEqual([]);
    expect(second.commands).toEqual([]);
  });

  describe('isSettled: the steady state the enforcer skips planning for', () => {
    const profiles = [profile('a'), profile('b', { nodes: [{ uri: OTHER, value: 'http://x' }] })];
    const stored = new Map([
      [URI, 'false'],
      [OTHER, 'http://x'],
    ]);
    const statusesOf = (states: readonly ProfileDeviceRow[]) =>
      states.map(({ profileId, status, revision }) => ({ profileId, status, revision }));
    const verified = plan(input({ profiles, stored })).states;

    it('is true exactly where a plan would change nothing', () => {
      expect(isSettled(profiles, statusesOf(verified), stored)).toBe(true);
      const again = plan(input({ profiles, stored, previous: byId(verified) }));
      expect([again.changed, again.commands]).toEqual([[], []]);
    });

    it('is false, and the plan acts, on drift, a new member, a new revision, or a state not verified', () => {
      const drifted = new Map([...stored, [OTHER, 'http://y']]);
      expect(isSettled(profiles, statusesOf(verified), drifted)).toBe(false);
      expect(planWith({ profiles, stored: drifted, previous: byId(verified) }).commands).not.toEqual([]);

      const absent = new Map([[URI, 'false']]);
      expect(isSettled(profiles, statusesOf(verified), absent)).toBe(false);

      const [first] = verified;
      expect(isSettled(profiles, statusesOf(first ? [first] : []), stored)).toBe(false);
      expect(plan(input({ profiles, stored, previous: byId(first ? [first] : []) })).changed).not.toEqual([]);

      const revised = [profiles[0] ?? profile('a'), { ...(profiles[1] ?? profile('b')), revision: 2 }];
      expect(isSettled(revised, statusesOf(verified), stored)).toBe(false);
      expect(plan(input({ profiles: revised, stored, previous: byId(verified) })).changed).not.toEqual([]);

      const pending = statusesOf(verified).map((s) => ({ ...s, status: 'pending' as const }));
      expect(isSettled(profiles, pending, stored)).toBe(false);
    });

    it('holds for a device that matches no profile at all', () => {
      expect(isSettled([], [], new Map())).toBe(true);
    });
  });
});
