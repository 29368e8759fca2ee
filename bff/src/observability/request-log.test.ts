import { describe, expect, it } from 'vitest';
import { redactUrl } from './request-log';

describe('redactUrl', () => {
  it('hides the capability tokens of server-made URLs and keeps everything else', () => {
    expect(redactUrl('/dm/s/abc123DEF_-')).toBe('/dm/s/:token');
    expect(redactUrl('/dm/jobs/tok?x=1')).toBe('/dm/jobs/:token?x=1');
    expect(redactUrl('/dr/objects/o1')).toBe('/dr/objects/:token');
    expect(redactUrl('/dr/inbox/i1/extra')).toBe('/dr/inbox/:token/extra');
    expect(redactUrl('/dr/artifacts/a1')).toBe('/dr/artifacts/:token');
    expect(redactUrl('/ui/p1/answer')).toBe('/ui/:token/answer');
    expect(redactUrl('/dm')).toBe('/dm');
    expect(redactUrl('/api/v1/devices?limit=5')).toBe('/api/v1/devices?limit=5');
  });
});
