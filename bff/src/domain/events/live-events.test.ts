import { describe, expect, it } from 'vitest';
import { serverEventSchemas, type ServerEventName } from '@dmc/shared/events';
import { at, makeAlert, makeCommand, makeDevice } from '../../persistence/contract/fixtures';
import type { NodeChange } from '../../persistence/ports';
import type { EventPublisher } from '../ports';
import {
  alertAcknowledged,
  alertReceived,
  campaignUpdated,
  commandStateChanged,
  deviceRefused,
  deviceRemoved,
  deviceUpdated,
  MAX_CHANGES_PER_EVENT,
  notificationUpdated,
  operationUpdated,
  profileChanged,
  profileCountsChanged,
  profileDeviceStateChanged,
  publish,
  sessionEnded,
  sessionStarted,
  treeChanged,
  type LiveEvent,
} from './live-events';

const NOW = at(5_000);

function change(moid: string, miid: string, path: string): NodeChange {
  return { moid, miid, path, oldValue: null, newValue: 'v', deleted: false };
}

const built: LiveEvent[] = [
  deviceUpdated(makeDevice('dev-1'), NOW),
  deviceRemoved('dev-1'),
  sessionStarted('dev-1', 's1', NOW),
  sessionEnded('dev-1', 's1', NOW, 'completed'),
  commandStateChanged({ ...makeCommand('c1', 'dev-1', { state: 'ok', sc: 200 }), seq: 1 }, NOW),
  ...treeChanged('dev-1', [change('urn:x', 'a', 'N')], { kind: 'command', id: 'c1' }, NOW),
  alertReceived({ row: makeAlert('a1', 'dev-1'), coalesced: false, occurrences: 1 }),
  alertReceived({ row: makeAlert('a1', 'dev-1', { count: 3 }), coalesced: true, occurrences: 2 }),
  alertAcknowledged([makeAlert('a1', 'dev-1', { acknowledgedAt: NOW, acknowledgedBy: 'admin' })]),
  notificationUpdated({
    id: 'n1',
    devId: 'dev-1',
    notificationId: 7,
    state: 'sent',
    reason: 'manual',
    attempts: 1,
    lastError: null,
    nextAttemptAt: null,
    deadline: NOW,
    createdAt: NOW,
    updatedAt: NOW,
    answeredAt: null,
    sessionId: null,
  }),
  operationUpdated({
    id: 'o1',
    devId: 'dev-1',
    kind: 'firmware-update',
    artifactId: null,
    moInstance: null,
    params: {},
    state: 'running',
    commandIds: ['c1'],
    consentCommandId: null,
    result: null,
    resumeAt: null,
    version: 2,
    createdAt: NOW,
    updatedAt: NOW,
  }),
  campaignUpdated({
    id: 'k1',
    name: 'Read the language',
    state: 'running',
    query: '',
    viewName: null,
    devIdCount: null,
    action: { kind: 'command', command: ['GET', 'urn:oma:mo:oma-dm-devinfo:1.0/d1/Lang'] },
    waveSpec: { canary: 1, size: 5 },
    waves: [
      {
        n: 0,
        size: 1,
        state: 'done',
        startedAt: NOW.toISOString(),
        gateUntil: null,
        finishedAt: NOW.toISOString(),
        gateReason: null,
      },
    ],
    errorThresholdPct: 10,
    healthGate: null,
    dynamic: false,
    approvalRequired: false,
    counts: { pending: 4, running: 0, ok: 1, failed: 0, skipped: 0, cancelled: 0 },
    pausedReason: null,
    bulk: false,
    createdBy: 'admin',
    approvedBy: null,
    createdAt: NOW.toISOString(),
    startedAt: NOW.toISOString(),
    finishedAt: null,
  }),
  deviceRefused({
    id: 'r1',
    devId: 'dev-1',
    at: NOW,
    endpoint: 'dm',
    status: 401,
    code: 'UNAUTHENTICATED',
    reason: 'Authentication failed: wrong password.',
    suppressed: 0,
  }),
  profileChanged('p1', false),
  profileChanged('p1', true),
  profileCountsChanged('p1', { verified: 3, pending: 1, failed: 0, conflicted: 2 }),
  profileDeviceStateChanged({
    profileId: 'p1',
    profileName: 'Wifi EU',
    devId: 'dev-1',
    status: 'failed',
    reason: "device reports 'us' after the write",
    nodes: [
      {
        uri: './Wifi/Region',
        state: 'failed',
        reason: "device reports 'us' after the write",
        sc: 200,
        commandId: 'c2',
        driftWrites: 0,
      },
    ],
    execs: [
      {
        uri: './Wifi/Apply',
        state: 'waiting',
        reason: 'after the nodes are verified',
        sc: null,
        commandId: null,
      },
    ],
    revision: 2,
    updatedAt: NOW.toISOString(),
  }),
];

describe('live event builders', () => {
  it('build every server event, each matching its shared schema', () => {
    const names = new Set(built.map((e) => e.name));
    expect([...names].sort()).toEqual(Object.keys(serverEventSchemas).sort());
    for (const event of built) {
      const schema = serverEventSchemas[event.name];
      expect(schema.safeParse(event.payload).success, event.name).toBe(true);
    }
  });

  it('groups tree changes per MO instance and scopes them to the device', () => {
    const events = treeChanged(
      'dev-1',
      [change('urn:x', 'a', 'N1'), change('urn:x', 'b', 'N2'), change('urn:x', 'a', 'N3')],
      { kind: 'report', id: null },
      NOW,
    );
    expect(events.map((e) => [e.payload, e.scope])).toMatchObject([
      [{ miid: 'a', changes: [{ path: 'N1' }, { path: 'N3' }] }, { devId: 'dev-1' }],
      [{ miid: 'b', changes: [{ path: 'N2' }] }, { devId: 'dev-1' }],
    ]);
  });

  it('publishes events in order with their scope', () => {
    const seen: [ServerEventName, unknown][] = [];
    const publisher: EventPublisher = {
      publish: (name, _payload, scope) => seen.push([name, scope]),
    };
    publish(publisher, deviceRemoved('dev-1'));
    publish(publisher, treeChanged('dev-1', [change('urn:x', 'a', 'N')], { kind: 'session', id: null }, NOW));
    publish(publisher, [
      profileChanged('p1', false),
      ...built.filter((e) => e.name === 'profile:device-state'),
    ]);
    expect(seen).toEqual([
      ['device:removed', undefined],
      ['tree:changed', { devId: 'dev-1' }],
      ['profile:changed', undefined],
      ['profile:device-state', { devId: 'dev-1' }],
    ]);
  });
});

describe('treeChanged of a big write', () => {
  it("splits an instance's changes into events of at most MAX_CHANGES_PER_EVENT, in order", () => {
    const changes = Array.from({ length: 2 * MAX_CHANGES_PER_EVENT + 5 }, (_, i) =>
      change('m', '1', `N${i}`),
    );
    changes.push(change('m', '2', 'Other'));
    const events = treeChanged('dev-1', changes, { kind: 'command', id: 'c1' }, NOW);
    const sizes = events.map((e) =>
      e.name === 'tree:changed' ? [e.payload.miid, e.payload.changes.length] : [],
    );
    expect(sizes).toEqual([
      ['1', MAX_CHANGES_PER_EVENT],
      ['1', MAX_CHANGES_PER_EVENT],
      ['1', 5],
      ['2', 1],
    ]);
    const paths = events.flatMap((e) =>
      e.name === 'tree:changed' ? e.payload.changes.map((c) => c.path) : [],
    );
    expect(paths).toEqual(changes.map((c) => c.path));
  });
});
