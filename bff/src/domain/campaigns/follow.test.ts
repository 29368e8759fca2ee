import { describe, expect, it } from 'vitest';
import { operationOutcome } from './follow';

describe('operationOutcome', () => {
  it('says which version a device reports after an update that ended in version-mismatch', () => {
    const outcome = operationOutcome('d1', {
      id: 'op1',
      state: 'failed',
      result: { reason: 'version-mismatch', expected: '2.0.0', reported: '1.0.0', sc: 200 },
    });
    expect(outcome).toEqual({
      devId: 'd1',
      state: 'failed',
      sc: null,
      reason: 'version-mismatch',
      detail: 'after the update the device reports version "1.0.0", not "2.0.0"',
    });
  });

  it('says so when the device reported no version at all', () => {
    const outcome = operationOutcome('d1', {
      id: 'op1',
      state: 'failed',
      result: { reason: 'version-mismatch', expected: '2.0.0', reported: null },
    });
    expect(outcome?.detail).toBe('after the update the device reports no version, not "2.0.0"');
  });

  it('keeps the reason of any other failure as its detail', () => {
    const outcome = operationOutcome('d1', {
      id: 'op1',
      state: 'failed',
      result: { reason: 'download failed' },
    });
    expect(outcome).toMatchObject({ reason: 'command-failed', detail: 'download failed' });
  });
});
