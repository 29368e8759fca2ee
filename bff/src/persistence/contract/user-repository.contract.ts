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
        disabled: false,
        lastLoginAt: null,
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
        disabled: false,
        lastLoginAt: null,
      });
      expect(await users.count()).toBe(1);
    });

    it('lists, updates, records sign-ins and removes users', async () => {
      const { users } = store();
      await users.create({ username: 'bob', passwordHash: 'h2', role: 'operator', createdAt: at(6) });
      await users.create({ username: 'ada', passwordHash: 'h1', role: 'admin', createdAt: at(5) });
      expect((await users.list()).map((u) => u.username)).toEqual(['ada', 'bob']);
      expect(await users.update('bob', { role: 'support', disabled: true, passwordHash: 'h3' })).toBe(true);
      await users.recordLogin('bob', at(9));
      expect(await users.find('bob')).toMatchObject({
        role: 'support',
        disabled: true,
        passwordHash: 'h3',
        lastLoginAt: at(9),
      });
      expect(await users.update('nobody', { disabled: true })).toBe(false);
      expect(await users.remove('bob')).toBe(true);
      expect(await users.remove('bob')).toBe(false);
      expect(await users.count()).toBe(1);
    });

    it('lockEnabledAdmins names the enabled admins only', async () => {
      const { users } = store();
      await users.create({ username: 'cy', passwordHash: 'h', role: 'admin', createdAt: at(1) });
      await users.create({ username: 'ada', passwordHash: 'h', role: 'admin', createdAt: at(1) });
      await users.create({ username: 'off', passwordHash: 'h', role: 'admin', createdAt: at(1) });
      await users.create({ username: 'op', passwordHash: 'h', role: 'operator', createdAt: at(1) });
      await users.update('off', { disabled: true });
      expect(await users.lockEnabledAdmins()).toEqual(['ada', 'cy']);
    });

    it('treats usernames as case-sensitive keys', async () => {
      const { users } = store();
      await users.create({ username: 'ada', passwordHash: 'h1', role: 'admin', createdAt: at(5) });
      expect(await users.find('ADA')).toBeUndefined();
    });
  });
}
