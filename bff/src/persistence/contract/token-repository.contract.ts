import { describe, expect, it } from 'vitest';
import type { ApiTokenRow } from '../ports';
import { at, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

function token(tokenHash: string, expiresAt: Date, extra: Partial<ApiTokenRow> = {}): ApiTokenRow {
  return {
    tokenHash,
    id: `id-${tokenHash}`,
    kind: 'session',
    via: 'cookie',
    name: null,
    role: null,
    username: 'ada',
    createdAt: at(0),
    lastUsedAt: at(0),
    expiresAt,
    userAgent: null,
    address: null,
    ...extra,
  };
}

function apiToken(tokenHash: string, extra: Partial<ApiTokenRow> = {}): ApiTokenRow {
  return token(tokenHash, at(10_000_000), {
    kind: 'api',
    via: null,
    name: `ci ${tokenHash}`,
    role: 'support',
    lastUsedAt: null,
    ...extra,
  });
}

export function describeApiTokenRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: ApiTokenRepository`, () => {
    const store = useFreshStore(open);

    it('creates, finds (by hash and by id) and removes a token', async () => {
      const { tokens } = store();
      const row = token('h1', at(1000), { userAgent: 'curl/8', address: '192.0.2.1', via: 'bearer' });
      await tokens.create(row);
      expect(await tokens.find('h1')).toEqual(row);
      expect(await tokens.findById('id-h1')).toEqual(row);
      await tokens.create(apiToken('k1'));
      expect(await tokens.find('k1')).toEqual(apiToken('k1'));
      await tokens.remove('h1');
      expect(await tokens.find('h1')).toBeUndefined();
      expect(await tokens.findById('id-h1')).toBeUndefined();
      await expect(tokens.remove('h1')).resolves.toBeUndefined();
    });

    it('refuses a second row with the same public id', async () => {
      const { tokens } = store();
      await tokens.create(token('h1', at(1000)));
      await expect(tokens.create(token('h2', at(1000), { id: 'id-h1' }))).rejects.toThrow();
    });

    it('lists the rows of one kind, of one owner or of all, newest first', async () => {
      const { tokens } = store();
      await tokens.create(token('s1', at(1000), { createdAt: at(1) }));
      await tokens.create(token('s2', at(1000), { createdAt: at(2) }));
      await tokens.create(token('s3', at(1000), { username: 'bob' }));
      await tokens.create(apiToken('k1', { createdAt: at(5) }));
      await tokens.create(apiToken('k2', { username: 'bob', createdAt: at(6) }));
      expect((await tokens.list('session', 'ada')).map((t) => t.tokenHash)).toEqual(['s2', 's1']);
      expect((await tokens.list('api', 'ada')).map((t) => t.tokenHash)).toEqual(['k1']);
      expect((await tokens.list('api')).map((t) => t.tokenHash)).toEqual(['k2', 'k1']);
      expect(await tokens.count('session', 'ada')).toBe(2);
      expect(await tokens.count('api', 'bob')).toBe(1);
      expect(await tokens.count('api', 'nobody')).toBe(0);
    });

    it('touch records a use only when the last one is older than staleBefore (or none)', async () => {
      const { tokens } = store();
      await tokens.create(token('s1', at(10_000), { lastUsedAt: at(100) }));
      await tokens.create(apiToken('k1'));
      await tokens.touch('s1', at(130), at(50));
      expect((await tokens.find('s1'))?.lastUsedAt).toEqual(at(100));
      await tokens.touch('s1', at(200), at(150));
      expect((await tokens.find('s1'))?.lastUsedAt).toEqual(at(200));
      await tokens.touch('k1', at(300), at(0));
      expect((await tokens.find('k1'))?.lastUsedAt).toEqual(at(300));
    });

    it('removeAllOf deletes the rows of one user but the one kept, of one kind when asked', async () => {
      const { tokens } = store();
      await tokens.create(token('a1', at(1000)));
      await tokens.create(token('a2', at(1000)));
      await tokens.create(token('a3', at(1000)));
      await tokens.create(apiToken('ak'));
      await tokens.create(token('b1', at(1000), { username: 'bob' }));
      expect((await tokens.removeAllOf('ada', { keepTokenHash: 'a2', kind: 'session' })).sort()).toEqual([
        'a1',
        'a3',
      ]);
      expect(await tokens.find('a1')).toBeUndefined();
      expect(await tokens.find('a2')).toBeDefined();
      expect(await tokens.find('ak')).toBeDefined();
      expect(await tokens.find('b1')).toBeDefined();
      expect((await tokens.removeAllOf('ada')).sort()).toEqual(['a2', 'ak']);
      expect(await tokens.removeAllOf('ada')).toEqual([]);
    });

    it('removeExpired deletes rows expired at `now` and idle sessions, never idle API tokens', async () => {
      const { tokens } = store();
      await tokens.create(token('old', at(100), { lastUsedAt: at(90) }));
      await tokens.create(token('edge', at(200), { lastUsedAt: at(90) }));
      await tokens.create(token('idle', at(300), { lastUsedAt: at(50) }));
      await tokens.create(token('fresh', at(300), { lastUsedAt: at(90) }));
      await tokens.create(apiToken('unused', { expiresAt: at(300) }));
      await tokens.create(apiToken('quiet', { expiresAt: at(300), lastUsedAt: at(10) }));
      expect((await tokens.removeExpired(at(200), at(50))).sort()).toEqual(['edge', 'idle', 'old']);
      expect(await tokens.find('fresh')).toBeDefined();
      expect(await tokens.find('unused')).toBeDefined();
      expect(await tokens.find('quiet')).toBeDefined();
      expect(await tokens.removeExpired(at(200), at(50))).toEqual([]);
      expect(await tokens.removeExpired(at(300))).toHaveLength(3);
    });
  });
}
