import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSeedArgs } from './seed-args';
import { seedDevice } from './seed-fleet';
import { openSeedTarget, writeSeedBatch } from './seed-writer';

const NOW = Date.UTC(2026, 5, 1);

describe('seed', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dmc-seed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads its arguments, with the server environment as defaults', () => {
    expect(parseSeedArgs(['--devices', '100'], { DMC_DATA_DIR: '/srv/dmc' })).toEqual({
      devices: 100,
      sqliteFile: '/srv/dmc/dmc.sqlite',
      databaseUrl: undefined,
      batch: 1000,
    });
    expect(parseSeedArgs(['--devices', '5', '--database-url', 'postgres://x/y'], {}).databaseUrl).toBe(
      'postgres://x/y',
    );
    expect(() => parseSeedArgs(['--devices', '0'], {})).toThrow(/--devices/);
    expect(() => parseSeedArgs(['--devcies', '5'], {})).toThrow(/usage/);
  });

  it('makes the same device for the same number, and varied devices across numbers', () => {
    expect(seedDevice(7, NOW, 's')).toEqual(seedDevice(7, NOW, 's'));
    const fleet = Array.from({ length: 300 }, (_, i) => seedDevice(i + 1, NOW, 's'));
    expect(new Set(fleet.map((d) => d.devInfo?.Mod)).size).toBeGreaterThan(6);
    expect(new Set(fleet.map((d) => d.devInfo?.FwV)).size).toBeGreaterThan(20);
    expect(fleet.some((d) => d.lastSeenAt === null && d.nodes.length === 0)).toBe(true);
    expect(fleet.every((d) => d.labels.length >= 2 && d.createdAt <= (d.lastSeenAt ?? NOW))).toBe(true);
  });

  it('inserts devices with labels and tree nodes, and skips existing DevIDs', async () => {
    const sqliteFile = path.join(dir, 'dmc.sqlite');
    const target = await openSeedTarget({ sqliteFile, databaseUrl: undefined });
    const batch = Array.from({ length: 40 }, (_, i) => seedDevice(i + 1, NOW, 's'));
    expect(await writeSeedBatch(target, batch.slice(0, 25))).toBe(25);
    expect(await writeSeedBatch(target, batch)).toBe(15);
    await target.close();

    const db = new SqliteDatabase(sqliteFile, { readonly: true });
    try {
      const seen = batch.find((d) => d.devInfo !== null);
      if (!seen?.devInfo) throw new Error('no reported device');
      const row = db.prepare('select fw_version, labels from devices where dev_id = ?').get(seen.devId) as {
        fw_version: string;
        labels: string;
      };
      expect(row.fw_version).toBe(seen.devInfo.FwV);
      expect(JSON.parse(row.labels)).toEqual(seen.labels);
      const labels = db.prepare('select label from device_labels where dev_id = ?').pluck().all(seen.devId);
      expect(labels).toHaveLength(seen.labels.length);
      const nodes = db
        .prepare("select moid || ' ' || path from tree_nodes where dev_id = ?")
        .pluck()
        .all(seen.devId);
      expect(nodes).toContain('urn:oma:mo:oma-fumo:1.0 State');
      expect(db.prepare('select count(*) from devices').pluck().get()).toBe(40);
    } finally {
      db.close();
    }
  });
});
