import { describe, expect, it } from 'vitest';
import { at, useFreshStore } from './fixtures';
import type { OpenStore } from './fixtures';

export function describeUserRepositoryContract(name: string, open: OpenStore): void {
  describe(`${name}: UserRepository`, () => {
    const store = useFreshStore(open);

    it('creates, finds and counts users', async () => {
      const { users } = store();
      expect(await users.count()).toBe(0);
      expect(
        await users.create({ username: 'ada', passwordHash: 'h1', role: 'admin', createdAt: at(5) }),
      ).toBe(true);
      expect(
        await users.create({ username: 'bob', passwordHash: 'h2', role: 'support', createdAt: at(6) }),
      ).toBe(true);
      expect(await users.count()).toBe(2);
      expect(await users.find('ada')).toEqual({
        username: 'ada',
        passwordHash: 'h1',
        role: 'admin',
        createdAt: at(5),
      });
      expect(await users.find('nobody')).toBeUndefined();
    });

    it('returns false on a duplicate username and keeps the stored row', async () => {
      const { users } = store();
      await users.create({ username: 'ada', passwordHash: 'h1', role: 'admin', createdAt: at(5) });
      expect(
        await users.create({ username: 'ada', passwordHash: 'other', role: 'operator', createdAt: at(9) }),
      ).toBe(false);
      expect(await users.find('ada')).toEqual({
        username: 'ada',
        passwordHash: 'h1',
        role: 'admin',
        createdAt: at(5),
      });
      expect(await users.count()).toBe(1);
    });

    it('treats usernames as case-sensitive keys', async () => {
      const { users } = store();
      await users.create({ username: 'ada', passwordHash: 'h1', role: 'admin', createdAt: at(5) });
      expect(await users.find('ADA')).toBeUndefined();
    });
  });
}
