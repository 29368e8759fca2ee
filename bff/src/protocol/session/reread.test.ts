import { describe, expect, it } from 'vitest';
import { step, type HostedPrefixes } from './session-machine';
import { NEW_SESSION } from './session-state';
import { rereadAfter, rereadCommandId, rereadTarget } from './reread';

const CONT = 'http://dms.test/dm/s/tok';
const JOB = 'http://dms.test/dm/j/job';
const hosted: HostedPrefixes = { objects: 'http://dms.test/dr/objects/', pages: 'http://dms.test/ui/' };
const DISABLE = ['EXEC', 'urn:oma:mo:oma-dcmo:1.0/Camera/Operations/Disable', JOB];
const COMPLETE = {
  AlertType: 'urn:oma:at:dcmo:1.0:OperationComplete',
  SourceURI: DISABLE[1],
  Data: { ResultCode: 1200 },
};

function jobSession(waiting: boolean, queued: { id: string; wire: string[] }[] = []) {
  return step(NEW_SESSION, {
    kind: 'open',
    contUrl: CONT,
    alerts: [COMPLETE],
    inventory: null,
    queued,
    maxCommands: 10,
    job: { commandId: 'x1', target: DISABLE[1], wire: DISABLE, waiting },
  });
}

describe('the read-back after an EXEC', () => {
  it('reads the MO instance the EXEC addressed', () => {
    expect(rereadTarget(DISABLE)).toBe('urn:oma:mo:oma-dcmo:1.0/Camera/');
    expect(rereadTarget(['EXEC', 'urn:oma:mo:oma-fumo:1.0//DownloadAndUpdate'])).toBe(
      'urn:oma:mo:oma-fumo:1.0//',
    );
    expect(rereadTarget(['EXEC', 'urn:oma:mo:oma-dcmo:1.0/*/Operations/Disable'])).toBeUndefined();
    expect(rereadTarget(['GET', 'urn:oma:mo:oma-dcmo:1.0/Camera/'])).toBeUndefined();
  });

  it('has one id per EXEC, whatever asks for it', () => {
    expect(rereadCommandId('x1')).toBe(rereadCommandId('x1'));
    expect(rereadCommandId('x1')).not.toBe(rereadCommandId('x2'));
    expect(rereadAfter('x1', DISABLE)).toEqual({
      id: rereadCommandId('x1'),
      wire: ['GET', 'urn:oma:mo:oma-dcmo:1.0/Camera/'],
    });
  });

  it('goes out in the job session that reports the EXEC ok, before the queue', () => {
    const read = rereadCommandId('x1');
    const { effects } = jobSession(true, [{ id: 'c9', wire: ['GET', 'urn:x:1.0//A'] }]);
    expect(effects).toContainEqual({
      kind: 'queue-read',
      commandId: read,
      causedBy: 'x1',
      wire: ['GET', 'urn:oma:mo:oma-dcmo:1.0/Camera/'],
    });
    expect(effects).toContainEqual({ kind: 'mark-sent', commandIds: [read, 'c9'] });
    const kinds = effects.map((e) => e.kind);
    expect(kinds.indexOf('record-outcome')).toBeLessThan(kinds.indexOf('queue-read'));
    expect(kinds.indexOf('queue-read')).toBeLessThan(kinds.indexOf('mark-sent'));
  });

  it('is not queued again when the outcome is delivered again (the EXEC no longer waits)', () => {
    const { effects } = jobSession(false);
    expect(effects.some((e) => e.kind === 'queue-read')).toBe(false);
    expect(effects).toContainEqual({ kind: 'respond', commands: [['CONT', CONT], ['END']] });
  });

  it('is not sent twice when it is already in the queue', () => {
    const read = rereadCommandId('x1');
    const { effects } = jobSession(true, [{ id: read, wire: ['GET', 'urn:oma:mo:oma-dcmo:1.0/Camera/'] }]);
    expect(effects).toContainEqual({ kind: 'mark-sent', commandIds: [read] });
  });

  it('follows an EXEC answered 200 in the session, not one that failed or is accepted', () => {
    const sent = step(NEW_SESSION, {
      kind: 'open',
      contUrl: CONT,
      alerts: [],
      inventory: null,
      queued: [
        { id: 'a', wire: DISABLE },
        { id: 'b', wire: ['EXEC', 'urn:oma:mo:oma-dcmo:1.0/WiFi/Operations/Disable', JOB] },
        { id: 'c', wire: ['EXEC', 'urn:oma:mo:oma-dcmo:1.0/Bt/Operations/Disable', JOB] },
      ],
      maxCommands: 10,
    });
    const { effects } = step(sent.state, {
      kind: 'status',
      p3: { Status: [{ sc: 200 }, { sc: 200 }, { sc: 500 }, { sc: 202 }] },
      queued: [],
      maxCommands: 10,
      hosted,
    });
    const reads = effects.filter((e) => e.kind === 'queue-read');
    expect(reads.map((e) => (e.kind === 'queue-read' ? e.causedBy : ''))).toEqual(['a']);
  });
});
