// The reads a DM package needs, folded into the statements it runs anyway (BENCHMARKS.md, "Where a
// session's CPU goes"): the device gate reads the device row beside its failure counter, and the
// package's transaction starts with one UPDATE that locks the device row, records the contact and
// returns, beside the row, what the package decides on.
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { ContactProbe, DeviceAdmission, DeviceContact, MoInstanceRow } from '../ports';
import type { Engine } from './dialect';
import { toDeviceRow } from './device-row';
import type { SessionRow } from '../ports';
import { intColumn, jsonColumn, nullableEpochMsColumn, parseRow } from './row-codecs';
import type { Database } from './schema';
import { preparedQuery } from './prepared-query';

// The states of a notification that waits for a session (notification-repository.ts uses the same).
const WAITING_NOTIFICATION = ['pending', 'sent'] as const;

const admissionSchema = z.object({
  af_failures: intColumn.nullable(),
  af_window_start: nullableEpochMsColumn,
});

const instancesSchema = jsonColumn(z.array(z.tuple([z.string(), z.string(), z.string().nullable()])));

const contactSchema = z.object({
  open_session_id: z.string().nullable(),
  session_version: intColumn.nullable(),
  queued: jsonColumn(z.array(z.tuple([z.string(), z.string()]))),
  has_open_notification: intColumn,
  instances: instancesSchema.nullable().optional(),
});

/** A queued command's stored wire form, as `commands.command` holds it (command-repository.ts). */
const wireSchema = jsonColumn(z.array(z.string()));

// Run on every DM package that carries credentials.
const findForAdmission = preparedQuery((db, v: { devId: string }) =>
  db
    .selectFrom('devices')
    .leftJoin('auth_failures', (join) =>
      join.on('auth_failures.scope', '=', 'device').onRef('auth_failures.key', '=', 'devices.dev_id'),
    )
    .selectAll('devices')
    .select(['auth_failures.failures as af_failures', 'auth_failures.window_start as af_window_start'])
    .where('devices.dev_id', '=', v.devId),
);

/** The MO instances as a JSON text of [moid, miid, ddf] triples, in (moid, miid) order. */
function instancesJson(engine: Engine) {
  return engine === 'postgres'
    ? sql<string>`(select coalesce(json_agg(json_build_array(i.moid, i.miid, i.ddf) order by i.moid, i.miid), '[]')::text
        from mo_instances as i where i.dev_id = devices.dev_id)`
    : sql<string>`(select json_group_array(json_array(i.moid, i.miid, i.ddf))
        from (select moid, miid, ddf from mo_instances where dev_id = devices.dev_id order by moid, miid) as i)`;
}

/**
 * The first `limit` queued commands unexpired at `at`, in queue order, as a JSON text of [id, command]
 * pairs (the command still JSON text). The limit is written into the SQL, one statement per value.
 */
function queuedJson(engine: Engine, at: unknown, limit: number) {
  const picked = sql`select id, command, seq from commands
      where dev_id = devices.dev_id and state = 'queued' and (expires_at is null or expires_at >= ${at})
      order by seq limit ${sql.lit(limit)}`;
  return engine === 'postgres'
    ? sql<string>`(select coalesce(json_agg(json_build_array(q.id, q.command) order by q.seq), '[]')::text
        from (${picked}) as q)`
    : sql<string>`(select json_group_array(json_array(q.id, q.command)) from (${picked}) as q)`;
}

function contactQuery(engine: Engine, withInstances: boolean, limit: number) {
  return preparedQuery((db, v: { devId: string; at: number; sessionId: string }) =>
    db
      .updateTable('devices')
      .set({ last_seen_at: v.at })
      .where('dev_id', '=', v.devId)
      .returningAll()
      .returning((eb) => [
        eb
          .selectFrom('sessions')
          .select('sessions.id')
          .whereRef('sessions.dev_id', '=', 'devices.dev_id')
          .where('sessions.status', '=', 'open')
          .orderBy('sessions.started_at', 'desc')
          .orderBy('sessions.id', 'desc')
          .limit(1)
          .as('open_session_id'),
        eb
          .selectFrom('sessions')
          .select('sessions.version')
          .where('sessions.id', '=', v.sessionId)
          .whereRef('sessions.dev_id', '=', 'devices.dev_id')
          .where('sessions.status', '=', 'open')
          .as('session_version'),
        queuedJson(engine, v.at, limit).as('queued'),
        eb
          .case()
          .when(
            eb.exists(
              eb
                .selectFrom('notifications')
                .select('notifications.id')
                .whereRef('notifications.dev_id', '=', 'devices.dev_id')
                .where('notifications.state', 'in', [...WAITING_NOTIFICATION]),
            ),
          )
          .then(1)
          .else(0)
          .end()
          .as('has_open_notification'),
        ...(withInstances ? [instancesJson(engine).as('instances')] : []),
      ]),
  );
}

type ContactQuery = ReturnType<typeof contactQuery>;
/** One compiled statement per engine, instance flag and limit (the limit is part of the SQL). */
const contactQueries = new Map<string, ContactQuery>();

function contactQueryFor(engine: Engine, withInstances: boolean, limit: number): ContactQuery {
  const key = `${engine}:${withInstances}:${limit}`;
  let query = contactQueries.get(key);
  if (query === undefined) {
    if (contactQueries.size >= 32) contactQueries.clear();
    query = contactQuery(engine, withInstances, limit);
    contactQueries.set(key, query);
  }
  return query;
}

// Run on every P3: the session by its token, beside its device and failure counter.
const findSessionForAdmission = preparedQuery((db, v: { token: string }) =>
  db
    .selectFrom('sessions')
    .leftJoin('devices', 'devices.dev_id', 'sessions.dev_id')
    .leftJoin('auth_failures', (join) =>
      join.on('auth_failures.scope', '=', 'device').onRef('auth_failures.key', '=', 'sessions.dev_id'),
    )
    .selectAll('sessions')
    .select([
      // Every devices column but dev_id, which the session's names (the two never collide).
      'devices.labels',
      'devices.push_url',
      'devices.created_at',
      'devices.last_seen_at',
      'devices.manufacturer',
      'devices.model',
      'devices.fw_version',
      'devices.sw_version',
      'devices.hw_version',
      'devices.dev_type',
      'devices.lang',
      'devices.dm_version',
      'devices.oem',
      'devices.dev_info_at',
      'devices.basic_verifier',
      'devices.digest_ha1_md5',
      'devices.digest_ha1_sha256',
      'devices.notify_secret_enc',
      'auth_failures.failures as af_failures',
      'auth_failures.window_start as af_window_start',
    ])
    .where('sessions.token', '=', v.token),
);

function admissionOf(raw: { basic_verifier?: unknown }): DeviceAdmission {
  // A session whose device was removed: the left join found no device.
  if (raw.basic_verifier === null || raw.basic_verifier === undefined) {
    return { device: undefined, failures: undefined };
  }
  const counter = parseRow('auth_failures', admissionSchema, raw);
  return {
    device: toDeviceRow(raw),
    failures:
      counter.af_failures === null || counter.af_window_start === null
        ? undefined
        : { failures: counter.af_failures, windowStart: counter.af_window_start },
  };
}

export async function readSessionForAdmission(
  db: Kysely<Database>,
  token: string,
  toSession: (raw: unknown) => SessionRow,
): Promise<{ session: SessionRow; admission: DeviceAdmission } | undefined> {
  const [raw] = (await findSessionForAdmission(db, { token })).rows;
  return raw === undefined ? undefined : { session: toSession(raw), admission: admissionOf(raw) };
}

export async function readForAdmission(db: Kysely<Database>, devId: string): Promise<DeviceAdmission> {
  const [raw] = (await findForAdmission(db, { devId })).rows;
  return raw === undefined ? { device: undefined, failures: undefined } : admissionOf(raw);
}

// PostgreSQL only: the row lock on its own, ahead of the contact statement (see recordContact).
const lockDevice = preparedQuery((db, v: { devId: string }) =>
  db.selectFrom('devices').select('dev_id').where('dev_id', '=', v.devId).forNoKeyUpdate(),
);

export async function recordContact(
  db: Kysely<Database>,
  engine: Engine,
  devId: string,
  at: Date,
  probe: ContactProbe,
): Promise<DeviceContact | undefined> {
  // At READ COMMITTED a statement that waited for a row lock sees the new version of that row but
  // reads every other table as it was when the statement began: the contact's sessions, commands
  // and notifications could predate the package it waited for. So PostgreSQL takes the lock with
  // a statement of its own first, and the contact statement, which then never waits, reads what
  // that package committed. SQLite runs one transaction at a time: one statement does both.
  if (engine === 'postgres' && (await lockDevice(db, { devId })).rows.length === 0) return undefined;
  const limit = Math.max(0, Math.floor(probe.queuedLimit));
  const query = contactQueryFor(engine, probe.withInstances === true, limit);
  // An id no session has when the probe names none: the statement's SQL stays one.
  const [raw] = (await query(db, { devId, at: at.getTime(), sessionId: probe.sessionId ?? '' })).rows;
  if (raw === undefined) return undefined;
  const read = parseRow('devices', contactSchema, raw);
  const instances: MoInstanceRow[] | undefined = read.instances?.map(([moid, miid, ddf]) => ({
    moid,
    miid,
    ddf,
  }));
  return {
    device: toDeviceRow(raw),
    openSessionId: read.open_session_id,
    sessionVersion: read.session_version,
    queued: read.queued.map(([id, command]) => ({ id, command: parseRow('commands', wireSchema, command) })),
    hasOpenNotification: read.has_open_notification === 1,
    instances: probe.withInstances ? (instances ?? []) : undefined,
  };
}
