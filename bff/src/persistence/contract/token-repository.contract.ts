import { describe, expect, it } from 'vitest';
import type { ApiTokenRow } from '../ports';
import { at, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

function token(tokenHash: string, expiresAt: Date): ApiTokenRow {
  return { tokenHash, username: 'ada', createdAt: at(0), expiresAt };
}

export function describeApiTokenRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: ApiTokenRepository`, () => {
    const store = useFreshStore(open);

    it('creates, finds and removes a token', async () => {
      const { tokens } = store();
      await tokens.create(token('h1', at(1000)));
      expect(await tokens.find('h1')).toEqual(token('h1', at(1000)));
      await tokens.remove('h1');
      expect(await tokens.find('h1')).toBeUndefined();
      await expect(tokens.remove('h1')).resolves.toBeUndefined();
    });

    it('removeAllOf deletes the tokens of one user but the one kept', async () => {
      const { tokens } = store();
      await tokens.create(token('a1', at(1000)));
      await tokens.create(token('a2', at(1000)));
      await tokens.create(token('a3', at(1000)));
      await tokens.create({ ...token('b1', at(1000)), username: 'bob' });
      expect(await tokens.removeAllOf('ada', 'a2')).toBe(2);
      expect(await tokens.find('a1')).toBeUndefined();
      expect(await tokens.find('a2')).toBeDefined();
      expect(await tokens.find('b1')).toBeDefined();
      expect(await tokens.removeAllOf('ada')).toBe(1);
    });

    it('removeExpired deletes only tokens expired at `now` and counts them', async () => {
      const { tokens } = store();
      await tokens.create(token('old', at(100)));
      await tokens.create(token('edge', at(200)));
      await tokens.create(token('fresh', at(300)));
      expect(await tokens.removeExpired(at(200))).toBe(2);
      expect(await tokens.find('old')).toBeUndefined();
      expect(await tokens.find('edge')).toBeUndefined();
      expect(await tokens.find('fresh')).toBeDefined();
      expect(await tokens.removeExpired(at(200))).toBe(0);
    });
  });
}
