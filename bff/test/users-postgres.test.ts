// The last enabled admin on PostgreSQL (profile §10): two admins demoting or disabling each other
// at the same moment, on separate connections, must never leave zero enabled admins. The check and
// the change run in one transaction that locks the enabled admins' rows (FOR UPDATE).
// Skipped without PostgreSQL and Redis unless DMC_TEST_REQUIRE_PG=1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpdateUserInput } from '@dmc/shared/api';
import { createSessionRevocation } from '../src/domain/auth/session-revocation';
import { createUserAdminService } from '../src/domain/auth/user-admin.service';
import { openPostgresStore } from '../src/persistence';
import type { Store } from '../src/persistence/ports';
import {
  clusterServicesAvailable,
  createDatabase,
  databaseUrl,
  dropDatabase,
} from './support/cluster-support';

const isAvailable = await clusterServicesAvailable();
const ROUNDS = 20;

describe.skipIf(!isAvailable)('the last enabled admin on PostgreSQL', () => {
  let database = '';
  let store: Store;

  beforeAll(async () => {
    database = await createDatabase();
    store = await openPostgresStore({ url: databaseUrl(database) });
    for (const username of ['ada', 'bea']) {
      await store.users.create({ username, passwordHash: 'x', role: 'admin', createdAt: new Date(0) });
    }
  });
  afterAll(async () => {
    await store.close();
    if (database !== '') await dropDatabase(database);
  });

  it.each<[string, UpdateUserInput]>([
    ['demote', { role: 'operator' }],
    ['disable', { disabled: true }],
  ])('two admins that %s each other at once leave one enabled admin', async (_name, change) => {
    const users = createUserAdminService(
      store,
      createSessionRevocation(store, { user: () => undefined, tokens: () => undefined }),
    );
    for (let round = 0; round < ROUNDS; round += 1) {
      await store.users.update('ada', { role: 'admin', disabled: false });
      await store.users.update('bea', { role: 'admin', disabled: false });
      const outcomes = await Promise.allSettled([
        users.update({ username: 'ada', role: 'admin' }, undefined, 'bea', change),
        users.update({ username: 'bea', role: 'admin' }, undefined, 'ada', change),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const enabledAdmins = (await store.users.list()).filter((u) => u.role === 'admin' && !u.disabled);
      expect(enabledAdmins, `round ${round}`).toHaveLength(1);
    }
  });

  it('deleting each other at once leaves one admin', async () => {
    await store.users.update('ada', { role: 'admin', disabled: false });
    await store.users.update('bea', { role: 'admin', disabled: false });
    const users = createUserAdminService(
      store,
      createSessionRevocation(store, { user: () => undefined, tokens: () => undefined }),
    );
    const outcomes = await Promise.allSettled([users.remove('ada'), users.remove('bea')]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(await store.users.lockEnabledAdmins()).toHaveLength(1);
  });
});
