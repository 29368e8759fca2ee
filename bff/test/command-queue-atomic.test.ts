// Queuing a command and making what its server-made URL points at (hosted object, upload inbox,
// device page) happen in one transaction: when the database refuses the command, nothing it would
// have carried is left behind. The refusal is the database's own (a trigger on a real SQLite file).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueCommandInput } from '@dmc/shared/api';
import { createCommandRetry, type CommandRetry } from '../src/domain/commands/command-retry';
import { createCommandService, type CommandService } from '../src/domain/commands/command.service';
import { createDevicePageService } from '../src/domain/device-pages/device-page.service';
import { createDrService } from '../src/domain/dr/dr.service';
import { createPageTemplateService } from '../src/domain/page-templates/page-template.service';
import { silentPublisher, type Clock } from '../src/domain/ports';
import { makeDevice } from '../src/persistence/contract/fixtures';
import type { Store } from '../src/persistence/ports';
import { openSqliteStore } from '../src/persistence/sqlite';

const PUBLIC = 'https://dmc.example';
const clock: Clock = { now: () => new Date() };
const HOSTED_TABLES = ['dr_objects', 'dr_inboxes', 'ui_pages'] as const;

let dir: string;
let file: string;
let store: Store;
let commands: CommandService;
let retry: CommandRetry;

function sql(): SqliteDatabase.Database {
  return new SqliteDatabase(file);
}

function count(table: string): number {
  const db = sql();
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** From now on the database refuses every new command. */
function refuseCommands(): void {
  const db = sql();
  try {
    db.exec(
      "CREATE TRIGGER refuse_commands BEFORE INSERT ON commands BEGIN SELECT RAISE(ABORT, 'queue refused'); END",
    );
  } finally {
    db.close();
  }
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dmc-queue-'));
  file = join(dir, 'dmc.sqlite');
  store = await openSqliteStore({ file });
  await store.devices.create(makeDevice('dev-1'));
  const events = silentPublisher;
  const dr = createDrService(store, { clock, events, publicUrl: PUBLIC, announceDevice: async () => {} });
  const templates = createPageTemplateService(store, { clock });
  const pages = createDevicePageService(store, { clock, events, publicUrl: PUBLIC, templates });
  const hostPage = pages.hostPage.bind(pages);
  commands = createCommandService(store, {
    clock,
    events,
    publicUrl: PUBLIC,
    defaultTtlS: 600,
    dr,
    hostPage,
  });
  retry = createCommandRetry(store, { clock, publicUrl: PUBLIC, defaultTtlS: 600, dr, hostPage, commands });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const HOSTED: [string, QueueCommandInput, (typeof HOSTED_TABLES)[number]][] = [
  [
    'a hosted object',
    { command: ['HGET', null, 'urn:oma:mo:oma-dm-devinfo:1.0/devinfo/Lang'], data: { Lang: 'en' } },
    'dr_objects',
  ],
  ['an upload inbox', { command: ['HPUT', null, 'urn:oma:mo:oma-dm-devinfo:1.0/devinfo/'] }, 'dr_inboxes'],
  [
    'a subscription inbox',
    { command: ['SUB', null, 'urn:oma:mo:oma-dm-devinfo:1.0/devinfo/'] },
    'dr_inboxes',
  ],
  [
    'a device page',
    { command: ['SHOW', null], page: { kind: 'info', title: 'Hello', text: 'A page.' } },
    'ui_pages',
  ],
];

describe('queuing a command with a server-made URL', () => {
  it.each(HOSTED)('stores %s with the command', async (_what, input, table) => {
    await commands.queue('dev-1', input);
    expect(count('commands')).toBe(1);
    expect(count(table)).toBe(1);
  });

  it.each(HOSTED)('leaves nothing of %s when the command is refused', async (_what, input) => {
    refuseCommands();
    await expect(commands.queue('dev-1', input)).rejects.toThrow(/queue refused/);
    for (const table of [...HOSTED_TABLES, 'commands']) expect(count(table), table).toBe(0);
  });

  it('leaves no copy of the hosted object when a retry is refused', async () => {
    const { id } = await commands.queue('dev-1', HOSTED[0]![1]);
    await commands.cancel(id);
    refuseCommands();
    await expect(retry.retry(id)).rejects.toThrow(/queue refused/);
    expect(count('dr_objects')).toBe(1);
    expect(count('commands')).toBe(1);
  });
});
