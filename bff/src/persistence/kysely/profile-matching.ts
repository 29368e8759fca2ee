// Which enabled profiles match one device (protocol §14), at every P1: one read of the device's row
// with a column per profile, its compiled fleet-query filter as a 0/1 CASE (a UNION ALL of 20 point
// checks looked the row up 20 times). Building and compiling it with Kysely took about 1 ms per P1
// with 20 queries, so the statement is compiled once per database and matcher set with a sentinel DevID,
// and run again with the device's DevID put in place of exactly the parameters that were the
// sentinel. Filters with relative times (`lastSeen > -1h`) bind values derived from `now`: a
// compile older than `MAX_AGE_MS` (by the `now` of the calls) is made again. On PostgreSQL the text
// changes only when the matcher set does, so it runs as a named statement there.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { CompiledQuery, Kysely } from 'kysely';
import { z } from 'zod';
import type { ProfileMatcher } from '../ports';
import type { QueryExpr } from '@dmc/shared/query';
import type { Engine } from './dialect';
import { compileDeviceFilter } from './device-filter';
import { nameConstantText } from './prepared-query';
import { parseRow } from './row-codecs';
import type { Database } from './schema';

/** How long a compile's `now`-derived parameters stay good. */
export const MATCHER_COMPILE_MAX_AGE_MS = 1_000;
/** Compiled matcher sets kept per database (normally one: the current enabled profiles). */
const MAX_SETS = 4;

/** Stands for the DevID in the compile; nothing a device or a query could carry. */
const SENTINEL = `\u0000dmc-matching-device-${randomUUID()}`;

interface Compiled {
  query: CompiledQuery;
  /** The indexes of the parameters that were the sentinel. */
  slots: number[];
  /** The `now` the filters were compiled with (epoch ms). */
  at: number;
}

/** Per database adapter (its transactions share it): the compiled sets by key, oldest use first. */
const cache = new WeakMap<object, Map<string, Compiled>>();
/** Each parsed query's key text, computed once per parsed query object. */
const exprKeys = new WeakMap<QueryExpr, string>();

/** The matcher columns of the device's row: 0 or 1 each (a count type on PostgreSQL may be a string). */
const matchFlagsSchema = z.record(z.string(), z.union([z.number(), z.string(), z.bigint()]));

/** How many times a compile was made (for tests: a cached run makes none). */
export const matcherCompiles = { count: 0 };

function setKey(matchers: readonly ProfileMatcher[]): string {
  return matchers
    .map(({ profileId, expr }) => {
      if (expr === null) return `${profileId}\u0000`;
      let text = exprKeys.get(expr);
      if (text === undefined) {
        text = JSON.stringify(expr);
        exprKeys.set(expr, text);
      }
      return `${profileId}\u0000${text}`;
    })
    .join('\u0001');
}

function compile(
  db: Kysely<Database>,
  engine: Engine,
  matchers: readonly ProfileMatcher[],
  now: Date,
): Compiled {
  // One read of the device's row: one column per matcher, 1 where its query holds (a NULL
  // comparison, as in a WHERE, does not).
  const query = db
    .selectFrom('devices')
    .select((eb) =>
      matchers.map(({ expr }, i) =>
        expr === null
          ? sql<number>`1`.as(`m${i}`)
          : eb
              .case()
              .when(compileDeviceFilter(eb, engine, { expr, now }))
              .then(sql<number>`1`)
              .else(sql<number>`0`)
              .end()
              .as(`m${i}`),
      ),
    )
    .where('devices.dev_id', '=', SENTINEL)
    .compile();
  const slots = query.parameters.flatMap((p, i) => (p === SENTINEL ? [i] : []));
  if (slots.length === 0) throw new Error('matchingDevice: the DevID must be a bound parameter.');
  matcherCompiles.count += 1;
  if (engine === 'postgres') nameConstantText(query.sql);
  return { query, slots, at: now.getTime() };
}

/** Which of the matchers' queries match this one device, in one statement (see the module comment). */
export async function matchingDevice(
  db: Kysely<Database>,
  engine: Engine,
  devId: string,
  matchers: readonly ProfileMatcher[],
  now: Date,
): Promise<string[]> {
  if (matchers.length === 0) return [];
  const adapter = db.getExecutor().adapter;
  let sets = cache.get(adapter);
  if (sets === undefined) {
    sets = new Map();
    cache.set(adapter, sets);
  }
  const key = setKey(matchers);
  let entry = sets.get(key);
  if (entry === undefined || Math.abs(now.getTime() - entry.at) > MATCHER_COMPILE_MAX_AGE_MS) {
    entry = compile(db, engine, matchers, now);
  }
  // Most recently used last; the oldest goes beyond the bound.
  sets.delete(key);
  sets.set(key, entry);
  for (const old of sets.keys()) {
    if (sets.size <= MAX_SETS) break;
    sets.delete(old);
  }
  const { query, slots } = entry;
  const parameters = [...query.parameters];
  for (const i of slots) parameters[i] = devId;
  const { rows } = await db.executeQuery({ ...query, parameters });
  const [row] = rows;
  if (row === undefined) return [];
  const flags = parseRow('devices', matchFlagsSchema, row);
  return matchers.flatMap(({ profileId }, i) => (Number(flags[`m${i}`]) === 1 ? [profileId] : []));
}
