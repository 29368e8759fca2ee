import { describe, expect, it } from 'vitest';
import {
  capabilityMount,
  capabilityRoute,
  capabilityUrls,
  parseCapabilityPath,
  redactCapabilityPath,
  redactCapabilityUrls,
} from './capability-urls';

const PUBLIC = 'https://dmc.example:8443';
const urls = capabilityUrls(PUBLIC);

describe('capability URLs', () => {
  it('builds each kind under the public URL', () => {
    expect(urls.url('object', 'o1')).toBe(`${PUBLIC}/dr/objects/o1`);
    expect(urls.url('inbox', 'i1')).toBe(`${PUBLIC}/dr/inbox/i1`);
    expect(urls.url('artifact', 'a1')).toBe(`${PUBLIC}/dr/artifacts/a1`);
    expect(urls.url('job', 'j1')).toBe(`${PUBLIC}/dm/jobs/j1`);
    expect(urls.url('session', 's1')).toBe(`${PUBLIC}/dm/s/s1`);
    expect(urls.url('page', 'p1')).toBe(`${PUBLIC}/ui/p1`);
  });

  it('mints unguessable tokens that parse back to their kind', () => {
    const a = urls.mint('page');
    const b = urls.mint('page');
    expect(a.token).not.toBe(b.token);
    expect(Buffer.from(a.token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(urls.parse(a.url)).toEqual({ kind: 'page', token: a.token });
  });

  it('parses only URLs of this server', () => {
    expect(urls.parse(`${PUBLIC}/dr/objects/abc`)).toEqual({ kind: 'object', token: 'abc' });
    expect(urls.parse(`${PUBLIC}/dm/jobs/xyz`)).toEqual({ kind: 'job', token: 'xyz' });
    expect(urls.parse('https://other.example/dr/objects/abc')).toBeUndefined();
    expect(urls.parse(`${PUBLIC}/dr/objects/`)).toBeUndefined();
    expect(urls.parse(`${PUBLIC}/api/v1/devices`)).toBeUndefined();
  });

  it('gives the token only for the kind asked for', () => {
    expect(urls.tokenOf('inbox', `${PUBLIC}/dr/inbox/t1`)).toBe('t1');
    expect(urls.tokenOf('object', `${PUBLIC}/dr/inbox/t1`)).toBeUndefined();
    expect(urls.tokenOf('page', 'https://vendor.example/ui/t1')).toBeUndefined();
  });

  it('names the routes and mounts a router uses', () => {
    expect(capabilityRoute('page')).toBe('/ui/:token');
    expect(capabilityRoute('object', 'id')).toBe('/dr/objects/:id');
    expect(capabilityMount('page')).toBe('/ui');
  });

  it('parses request paths with one token segment', () => {
    expect(parseCapabilityPath('/dm/s/abc')).toEqual({ kind: 'session', token: 'abc' });
    expect(parseCapabilityPath('/dm/jobs/abc/')).toEqual({ kind: 'job', token: 'abc' });
    expect(parseCapabilityPath('/dm/jobs/')).toBeUndefined();
    expect(parseCapabilityPath('/dm/jobs/a/b')).toBeUndefined();
    expect(parseCapabilityPath('/dm')).toBeUndefined();
  });

  it('redacts tokens in request paths', () => {
    expect(redactCapabilityPath('/dm/s/abc123DEF_-')).toBe('/dm/s/:token');
    expect(redactCapabilityPath('/dr/inbox/i1/extra?x=1')).toBe('/dr/inbox/:token/extra?x=1');
    expect(redactCapabilityPath('/api/v1/devices?limit=5')).toBe('/api/v1/devices?limit=5');
  });

  it('redacts tokens of the URLs a command carries', () => {
    const token = 'A'.repeat(32);
    expect(redactCapabilityUrls(`${PUBLIC}/dr/objects/${token}`)).toBe(`${PUBLIC}/dr/objects/…`);
    expect(redactCapabilityUrls(`${PUBLIC}/ui/${token}`)).toBe(`${PUBLIC}/ui/…`);
    expect(redactCapabilityUrls(`${PUBLIC}/dm/jobs/${token}`)).toBe(`${PUBLIC}/dm/jobs/…`);
    expect(redactCapabilityUrls('./DevInfo/Mod')).toBe('./DevInfo/Mod');
    // Artifact downloads are handed to operators on purpose; they stay readable.
    expect(redactCapabilityUrls(`${PUBLIC}/dr/artifacts/${token}`)).toBe(`${PUBLIC}/dr/artifacts/${token}`);
  });
});
