import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isIntact } from './exec-job';

describe('isIntact', () => {
  const bytes = new TextEncoder().encode('firmware image 1.2.3');
  const digest = createHash('sha256').update(bytes).digest('base64');

  it('accepts bytes matching the announced size and SHA-256', () => {
    const headers = new Headers({
      'content-length': String(bytes.length),
      'repr-digest': `sha-256=:${digest}:`,
    });
    expect(isIntact(bytes, headers)).toBe(true);
    expect(isIntact(bytes, new Headers())).toBe(true);
  });

  it('refuses a wrong size or a wrong digest', () => {
    expect(isIntact(bytes, new Headers({ 'content-length': String(bytes.length + 1) }))).toBe(false);
    const other = createHash('sha256').update('something else').digest('base64');
    expect(isIntact(bytes, new Headers({ 'repr-digest': `sha-256=:${other}:` }))).toBe(false);
  });
});
