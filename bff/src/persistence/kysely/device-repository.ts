import { devInfoSummarySchema } from '@dmc/shared/api';
import type { DevInfoSummary } from '@dmc/shared/api';
import { versionSortKeyOrNull } from '@dmc/shared/firmware';
import { sql } from 'kysely';
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import { z } from 'zod';
import type {
  ContactProbe,
  DeviceAdmission,
  DeviceContact,
  DeviceCursor,
  DeviceListQuery,
  DeviceRepository,
  DeviceRow,
  DeviceSortKey,
  LabelChange,
  LabelChangeResult,
} from '../ports';
import { changeLabels, replaceLabels } from './device-labels';
import { compileDeviceFilter } from './device-filter';
import { containsIgnoringCase, indexedTextCandidates, postgresDeviceTextMatch } from './dialect';
import type { Engine } from './dialect';
import { chunksOf, inTransaction } from './query-helpers';
import { intColumn, parseRow } from './row-codecs';
import { toDeviceRow } from './device-row';
import { readForAdmission, recordContact } from './device-contact';
import type { Database, DevicesTable } from './schema';
import { preparedQuery } from './prepared-query';

type SortColumn = 'dev_id' | 'last_seen_at' | 'created_at' | 'model' | 'fw_version';

const SORT_COLUMNS: Record<DeviceSortKey, SortColumn> = {
  devId: 'dev_id',
  lastSeenAt: 'last_seen_at',
  createdAt: 'created_at',
  model: 'model',
  fwVersion: 'fw_version',
};

const TIME_COLUMNS: ReadonlySet<SortColumn> = new Set(['last_seen_at', 'created_at']);

const TEXT_FILTER_COLUMNS = ['dev_id', 'model', 'manufacturer', 'fw_version'] as const;

/** Up to this many matches, a PostgreSQL text search sorts its matches rather than walk an index. */
const FILTER_FIRST_MAX_MATCHES = 10_000;

type DevInfoColumns = Pick<
  DevicesTable,
  | 'manufacturer'
  | 'model'
  | 'fw_version'
  | 'sw_version'
  | 'fw_version_key'
  | 'sw_version_key'
  | 'hw_version'
  | 'dev_type'
  | 'lang'
  | 'dm_version'
  | 'oem'
>;

/** DevInfo as columns; the version sort keys are written wherever FwV and SwV are (migration 0020). */
function devInfoColumns(devInfo: DevInfoSummary): DevInfoColumns {
  const info = devInfoSummarySchema.parse(devInfo);
  return {
    manufacturer: info.Man,
    model: info.Mod,
    fw_version: info.FwV,
    sw_version: info.SwV,
    fw_version_key: versionSortKeyOrNull(info.FwV),
    sw_version_key: versionSortKeyOrNull(info.SwV),
    hw_version: info.HwV,
    dev_type: info.DevType,
    lang: info.Lang,
    dm_version: info.DmV,
    oem: info.OEM,
  };
}

/** Cursor values of time keys are epoch ms; ISO strings are accepted too. */
function cursorValue(column: SortColumn, value: string | number): string | number {
  if (!TIME_COLUMNS.has(column)) return String(value);
  const ms = typeof value === 'number' ? value : /^-?\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw new RangeError(`invalid cursor value ${String(value)} for ${column}`);
  return ms;
}

type DevicesBuilder = ExpressionBuilder<Database, 'devices'>;

// Run on every DM package.
const findDevice = preparedQuery((db, v: { devId: string }) =>
  db.selectFrom('devices').selectAll().where('dev_id', '=', v.devId),
);
const touchDevice = preparedQuery((db, v: { devId: string; at: number }) =>
  db.updateTable('devices').set({ last_seen_at: v.at }).where('dev_id', '=', v.devId),
);

// Run on every inventory read.
const setDevInfoColumns = preparedQuery((db, v: DevInfoColumns & { devId: string; at: number }) =>
  db
    .updateTable('devices')
    .set({
      manufacturer: v.manufacturer,
      model: v.model,
      fw_version: v.fw_version,
      sw_version: v.sw_version,
      fw_version_key: v.fw_version_key,
      sw_version_key: v.sw_version_key,
      hw_version: v.hw_version,
      dev_type: v.dev_type,
      lang: v.lang,
      dm_version: v.dm_version,
      oem: v.oem,
      dev_info_at: v.at,
    })
    .where('dev_id', '=', v.devId),
);

export class KyselyDeviceRepository implements DeviceRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly engine: Engine,
  ) {}

  async create(device: DeviceRow): Promise<boolean> {
    return inTransaction(this.db, async (trx) => {
      const labels = [...new Set(device.labels)];
      const inserted = await trx
        .insertInto('devices')
        .values({
          dev_id: device.devId,
          labels: JSON.stringify(labels),
          push_url: device.pushUrl,
          created_at: device.createdAt.getTime(),
          last_seen_at: device.lastSeenAt?.getTime() ?? null,
          ...devInfoColumns(device.devInfo),
          dev_info_at: device.devInfoAt?.getTime() ?? null,
          basic_verifier: device.credentials.basicVerifier,
          digest_ha1_md5: device.credentials.digestHa1Md5,
          digest_ha1_sha256: device.credentials.digestHa1Sha256,
          notify_secret_enc: device.credentials.notifySecretEnc,
        })
        .onConflict((oc) => oc.column('dev_id').doNothing())
        .returning('dev_id')
        .executeTakeFirst();
      if (inserted === undefined) return false;
      for (const chunk of chunksOf(labels, 2)) {
        await trx
          .insertInto('device_labels')
          .values(chunk.map((label) => ({ dev_id: device.devId, label })))
          .execute();
      }
      return true;
    });
  }

  async lock(devId: string): Promise<boolean> {
    const query = this.db.selectFrom('devices').select('dev_id').where('dev_id', '=', devId);
    // NO KEY UPDATE: lockers of one device wait for each other, but rows that merely reference the
    // device (a command queued, an alert stored) are inserted meanwhile.
    const row = await (this.engine === 'postgres' ? query.forNoKeyUpdate() : query).executeTakeFirst();
    return row !== undefined;
  }

  async contact(devId: string, at: Date, probe: ContactProbe): Promise<DeviceContact | undefined> {
    return recordContact(this.db, this.engine, devId, at, probe);
  }

  async findForAdmission(devId: string): Promise<DeviceAdmission> {
    return readForAdmission(this.db, devId);
  }

  async find(devId: string): Promise<DeviceRow | undefined> {
    const [row] = (await findDevice(this.db, { devId })).rows;
    return row === undefined ? undefined : toDeviceRow(row);
  }

  async findMany(devIds: readonly string[]): Promise<DeviceRow[]> {
    const rows: DeviceRow[] = [];
    for (const chunk of chunksOf([...new Set(devIds)], 1)) {
      const found = await this.db
        .selectFrom('devices')
        .selectAll()
        .where('dev_id', 'in', chunk)
        .orderBy('dev_id')
        .execute();
      rows.push(...found.map(toDeviceRow));
    }
    return rows.sort((a, b) => (a.devId < b.devId ? -1 : a.devId > b.devId ? 1 : 0));
  }

  async list(query: DeviceListQuery): Promise<{ items: DeviceRow[]; total: number }> {
    const count = async (): Promise<number> => {
      const row = await this.db
        .selectFrom('devices')
        .where((eb) => this.filter(eb, query))
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return parseRow('devices', intColumn, row.n);
    };
    if (query.withTotal === false) return { items: await this.page(query, 'planner'), total: -1 };
    if (this.engine === 'postgres' && query.text?.trim()) {
      // For a text search PostgreSQL tends to walk the sort index and test each row, expecting the
      // matches to be spread evenly; when they sit together late in the sort order ("2.3." sorted by
      // firmware) that walk reads most of the table. The count says how many matches there are: few
      // enough, and sorting them is cheaper than any walk.
      const total = await count();
      const plan = total <= FILTER_FIRST_MAX_MATCHES ? 'filter-first' : 'planner';
      return { items: await this.page(query, plan), total };
    }
    // Otherwise the count and the page run at once: on PostgreSQL on two pooled connections, so the
    // answer takes as long as the slower of them (SQLite's one connection runs them in turn).
    const [total, items] = await Promise.all([count(), this.page(query, 'planner')]);
    return { items, total };
  }

  async listIds(query: Omit<DeviceListQuery, 'sort' | 'order' | 'withTotal'>): Promise<string[]> {
    const full: DeviceListQuery = { ...query, sort: 'devId', order: 'asc' };
    const { after } = query;
    const rows = await this.db
      .selectFrom('devices')
      .select('dev_id')
      .where((eb) =>
        eb.and([
          this.filter(eb, full),
          ...(after === undefined ? [] : [afterCursor(SORT_COLUMNS.devId, 'asc', after)]),
        ]),
      )
      .orderBy('dev_id', 'asc')
      .limit(Math.max(0, query.limit))
      .execute();
    return rows.map((row) => parseRow('devices', z.string(), row.dev_id));
  }

  /** One page of the list; 'filter-first' sorts the materialized matches instead of walking an index. */
  private async page(query: DeviceListQuery, plan: 'planner' | 'filter-first'): Promise<DeviceRow[]> {
    const column = SORT_COLUMNS[query.sort];
    const { after } = query;
    const where = (eb: DevicesBuilder) =>
      eb.and([
        this.filter(eb, query),
        ...(after === undefined ? [] : [afterCursor(column, query.order, after)]),
      ]);
    const base =
      plan === 'planner'
        ? this.db.selectFrom('devices').selectAll().where(where)
        : this.db
            .with(
              (cte) => cte('matches').materialized(),
              (db) => db.selectFrom('devices').selectAll().where(where),
            )
            .selectFrom('matches as devices')
            .selectAll();
    const rows = await base
      .orderBy(column, (ob) => (query.order === 'asc' ? ob.asc() : ob.desc()).nullsLast())
      .orderBy('dev_id', (ob) => (query.order === 'asc' ? ob.asc() : ob.desc()))
      .limit(Math.max(0, query.limit))
      .execute();
    return rows.map(toDeviceRow);
  }

  async remove(devId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('devices').where('dev_id', '=', devId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async touch(devId: string, at: Date): Promise<void> {
    await touchDevice(this.db, { devId, at: at.getTime() });
  }

  async setDevInfo(devId: string, devInfo: DevInfoSummary, at: Date): Promise<void> {
    await setDevInfoColumns(this.db, { ...devInfoColumns(devInfo), devId, at: at.getTime() });
  }

  async setPushUrl(devId: string, pushUrl: string | null): Promise<void> {
    await this.db.updateTable('devices').set({ push_url: pushUrl }).where('dev_id', '=', devId).execute();
  }

  async replaceLabels(devId: string, labels: readonly string[]): Promise<boolean> {
    return replaceLabels(this.db, this.engine, devId, labels);
  }

  async changeLabels(
    devIds: readonly string[],
    change: LabelChange,
    maxLabels?: number,
  ): Promise<LabelChangeResult> {
    return changeLabels(this.db, this.engine, devIds, change, maxLabels);
  }

  private filter(eb: DevicesBuilder, query: DeviceListQuery): Expression<SqlBool> {
    const conditions: Expression<SqlBool>[] = [];
    const text = query.text?.trim();
    if (text !== undefined && text !== '' && this.engine === 'postgres') {
      conditions.push(postgresDeviceTextMatch(text));
    } else if (text !== undefined && text !== '') {
      const candidates = indexedTextCandidates(this.engine, text);
      if (candidates !== undefined) conditions.push(candidates);
      conditions.push(
        eb.or(
          TEXT_FILTER_COLUMNS.map((name) =>
            containsIgnoringCase(this.engine, eb.ref(`devices.${name}`), text),
          ),
        ),
      );
    }
    if (query.label !== undefined) {
      const { label } = query;
      conditions.push(
        eb.exists(
          eb
            .selectFrom('device_labels')
            .select('device_labels.dev_id')
            .whereRef('device_labels.dev_id', '=', 'devices.dev_id')
            .where('device_labels.label', '=', label),
        ),
      );
    }
    if (query.filter !== undefined) conditions.push(compileDeviceFilter(eb, this.engine, query.filter));
    return eb.and(conditions);
  }
}

/**
 * Rows strictly after the cursor in (column nulls last, dev_id) order. Past a non-null value come
 * the greater (or, descending, smaller) values, then ties by dev_id, then every null.
 */
function afterCursor(column: SortColumn, order: 'asc' | 'desc', cursor: DeviceCursor): Expression<SqlBool> {
  const beyond = sql.raw(order === 'asc' ? '>' : '<');
  const ref = sql.ref(`devices.${column}`);
  const devId = sql.ref('devices.dev_id');
  if (column === 'dev_id') return sql<SqlBool>`${devId} ${beyond} ${cursor.devId}`;
  if (cursor.value === null) return sql<SqlBool>`(${ref} is null and ${devId} ${beyond} ${cursor.devId})`;
  const value = cursorValue(column, cursor.value);
  return sql<SqlBool>`(${ref} ${beyond} ${value} or (${ref} = ${value} and ${devId} ${beyond} ${cursor.devId}) or ${ref} is null)`;
}
