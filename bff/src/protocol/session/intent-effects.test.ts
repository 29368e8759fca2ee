// What the machine says a status means: given a session awaiting one command's status and that
// status, the effects it emits. Each case fails if a status were read the wrong way.
import { describe, expect, it } from 'vitest';
import { parseClientUri, type DmAlert, type StatusEntry } from '@dmc/shared/protocol';
import type { SessionEffect } from './effects';
import { step, type HostedPrefixes, type SessionInput } from './session-machine';
import { NEW_SESSION, type SessionState } from './session-state';

const CONT = 'http://dms.test/dm/s/tok';
const hosted: HostedPrefixes = { objects: 'http://dms.test/dr/objects/', pages: 'http://dms.test/ui/' };
const DATA = [{ ClientURI: 'urn:x:1.0//A', MOData: { A: '1' } }];

function awaiting(...wire: string[]): SessionState {
  const open: SessionInput = {
    kind: 'open',
    contUrl: CONT,
    alerts: [],
    inventory: null,
    queued: [{ id: 'c1', wire }],
    maxCommands: 10,
  };
  return step(NEW_SESSION, open).state;
}

/** The effects of the P3 that answers CONT with 200 and the command with `status`. */
function answer(wire: string[], status: StatusEntry): SessionEffect[] {
  const input: SessionInput = {
    kind: 'status',
    p3: { Status: [{ sc: 200 }, status] },
    queued: [],
    maxCommands: 10,
    hosted,
  };
  return step(awaiting(...wire), input).effects;
}

function recorded(wire: string[], status: StatusEntry) {
  const effects = answer(wire, status);
  const records = effects.filter((e) => e.kind === 'record-outcome');
  expect(records).toHaveLength(1);
  const [record] = records;
  if (record?.kind !== 'record-outcome') throw new Error('no outcome recorded');
  expect(record.commandId).toBe('c1');
  expect(record.from).toEqual(['sent']);
  return record;
}

describe('what a command status means', () => {
  it.each([
    [['GET', 'urn:x:1.0//A'], 200, 'ok'],
    [['GET', 'urn:x:1.0//A'], 304, 'ok'],
    [['GET', 'urn:x:1.0//A'], 299, 'ok'],
    [['GET', 'urn:x:1.0//A'], 300, 'failed'],
    [['GET', 'urn:x:1.0//A'], 199, 'failed'],
    [['GET', 'urn:x:1.0//A'], 404, 'failed'],
    [['EXEC', 'urn:x:1.0//Update'], 202, 'accepted'],
    [['EXEC', 'urn:x:1.0//Update'], 200, 'ok'],
    [['EXEC', 'urn:x:1.0//Update'], 500, 'failed'],
    [['GET', 'urn:x:1.0//A'], 202, 'ok'],
    [['SHOW', 'http://dms.test/ui/page-token'], 200, 'accepted'],
    [['SHOW', 'https://elsewhere.test/ui/page'], 200, 'ok'],
    [['SHOW', 'http://dms.test/ui/page-token'], 406, 'failed'],
  ] as const)('%j answered %i is %s', (wire, sc, state) => {
    expect(recorded([...wire], { sc }).outcome).toEqual({ state, sc, result: null });
  });

  it('keeps the reported URIs and data as the result', () => {
    const { outcome } = recorded(['GET', 'urn:x:1.0//A'], { sc: 200, URI: ['urn:x:1.0/m/A'], Data: DATA });
    expect(outcome.result).toEqual({ URI: ['urn:x:1.0/m/A'], Data: DATA });
  });

  it('writes the nodes a GET returned, only on 200', () => {
    expect(recorded(['GET', 'urn:x:1.0//A'], { sc: 200, Data: DATA }).then).toEqual([
      { kind: 'write-nodes', data: DATA },
    ]);
    expect(recorded(['GET', 'urn:x:1.0//A'], { sc: 200 }).then).toEqual([]);
    expect(recorded(['GET', 'urn:x:1.0//A'], { sc: 206, Data: DATA }).then).toEqual([]);
    expect(recorded(['GET', 'urn:x:1.0//A'], { sc: 404, Data: DATA }).then).toEqual([]);
  });

  it('writes a hosted object where the device put it, only for objects this server hosts', () => {
    const wire = ['HGET', 'http://dms.test/dr/objects/obj-1', 'urn:x:1.0//Cfg'];
    expect(recorded(wire, { sc: 200, URI: ['urn:x:1.0/m/Cfg'] }).then).toEqual([
      { kind: 'write-hosted', objectId: 'obj-1', reported: ['urn:x:1.0/m/Cfg'], target: 'urn:x:1.0//Cfg' },
    ]);
    expect(recorded(['HGET', 'http://dms.test/dr/objects/obj-1'], { sc: 200 }).then).toEqual([
      { kind: 'write-hosted', objectId: 'obj-1', reported: [], target: null },
    ]);
    expect(recorded(['HGET', 'https://cdn.test/dr/objects/obj-1'], { sc: 200 }).then).toEqual([]);
    expect(recorded(wire, { sc: 500 }).then).toEqual([]);
  });

  it('deletes the addressed subtree after a DELETE, only on 200 and for a valid ClientURI', () => {
    const uri = 'urn:oma:mo:oma-dcmo:1.0/*/Camera';
    const parsed = parseClientUri(uri);
    if (!parsed.ok) throw new Error('fixture');
    expect(recorded(['DELETE', uri], { sc: 200 }).then).toEqual([
      { kind: 'delete-subtree', uri: parsed.value },
    ]);
    expect(recorded(['DELETE', uri], { sc: 404 }).then).toEqual([]);
    expect(recorded(['DELETE', 'not a ClientURI'], { sc: 200 }).then).toEqual([]);
  });

  it('drops the subscription after an UNSUB, only on 200', () => {
    const uri = 'urn:x:1.0//Battery';
    expect(recorded(['UNSUB', uri], { sc: 200 }).then).toEqual([
      { kind: 'drop-subscription', clientUri: uri },
    ]);
    expect(recorded(['UNSUB', uri], { sc: 500 }).then).toEqual([]);
  });

  it('changes nothing in the tree for commands that do not touch it', () => {
    expect(recorded(['EXEC', 'urn:x:1.0//Update'], { sc: 200, Data: DATA }).then).toEqual([]);
    expect(recorded(['HPUT', 'http://dms.test/dr/inbox/t', 'urn:x:1.0//A'], { sc: 200 }).then).toEqual([]);
  });
});

describe('the inventory read', () => {
  const DEVINFO = { moid: 'urn:oma:mo:oma-dm-devinfo:1.0', miid: 'd1' };
  const opened = step(NEW_SESSION, {
    kind: 'open',
    contUrl: CONT,
    alerts: [],
    inventory: DEVINFO,
    queued: [],
    maxCommands: 10,
  }).state;
  const effectsFor = (status: StatusEntry) =>
    step(opened, {
      kind: 'status',
      p3: { Status: [{ sc: 200 }, status] },
      queued: [],
      maxCommands: 10,
      hosted,
    }).effects;

  it('is stored when it came back with data, and records no command', () => {
    const effects = effectsFor({ sc: 200, Data: DATA });
    expect(effects).toContainEqual({ kind: 'write-inventory', data: DATA });
    expect(effects).not.toContainEqual(expect.objectContaining({ kind: 'record-outcome' }));
  });

  it('changes nothing when it failed', () => {
    expect(effectsFor({ sc: 404, Data: DATA }).map((e) => e.kind)).toEqual(['respond', 'close']);
  });
});

describe('an EXEC outcome at the job URL', () => {
  const outcomeAlert: DmAlert = {
    AlertType: 'urn:oma:at:fumo:1.0:OperationComplete',
    SourceURI: 'urn:oma:mo:oma-fumo:1.0//Update',
    Data: { DM1x: '200' },
  };
  const openJob = (alerts: DmAlert[]) =>
    step(NEW_SESSION, {
      kind: 'open',
      contUrl: CONT,
      alerts,
      inventory: null,
      queued: [],
      maxCommands: 10,
      job: { commandId: 'j1', target: 'urn:oma:mo:oma-fumo:1.0//Update' },
    }).effects;

  it('is recorded first, from sent or accepted, with the result code as its status', () => {
    const [first] = openJob([outcomeAlert]);
    expect(first).toMatchObject({
      kind: 'record-outcome',
      commandId: 'j1',
      from: ['sent', 'accepted'],
      outcome: { state: 'ok', sc: 200, result: { resultCode: 200, sourceUri: outcomeAlert.SourceURI } },
      then: [],
    });
  });

  it('fails the command on an error result code', () => {
    const [first] = openJob([{ ...outcomeAlert, Data: { DM1x: '410' } }]);
    expect(first).toMatchObject({ kind: 'record-outcome', outcome: { state: 'failed', sc: 410 } });
  });

  it('records nothing when no alert carries a result', () => {
    const effects = openJob([{ AlertType: 'urn:oma:at:dm:2.0:ClientInitiated' }]);
    expect(effects).not.toContainEqual(expect.objectContaining({ kind: 'record-outcome' }));
  });
});
