import { describe, expect, it } from 'vitest';
import { operation } from '../../../test/fixtures';
import { describeOutcome, OPERATION_STATE_WORDS } from './operation-progress';

describe('operation outcomes in words', () => {
  it('names a version mismatch with the expected and the reported version', () => {
    const failed = operation({
      state: 'failed',
      result: { sc: 200, reason: 'version-mismatch', expected: '2.0.0', reported: '1.0.0' },
    });
    expect(describeOutcome(failed)).toBe('Version mismatch: expected "2.0.0", the device reports "1.0.0".');
    const silent = operation({
      state: 'failed',
      result: { reason: 'version-mismatch', expected: '2.0.0', reported: null },
    });
    expect(describeOutcome(silent)).toBe(
      'Version mismatch: expected "2.0.0", the device reports no version.',
    );
  });

  it('has words for the verifying step', () => {
    expect(OPERATION_STATE_WORDS.verifying).toBe('verifying the version');
  });
});
