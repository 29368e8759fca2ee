// Compiles a fleet query AST (docs/query-language.md) to one SQL condition over `devices`, for both
// engines. Every comparison is two-valued (never NULL), so NOT is the plain complement:
// `Mod != "x"` matches devices without a model, exactly as `NOT Mod = "x"` does.
import { ONLINE_WINDOW_S } from '@dmc/shared/api';
import { versionSortKey } from '@dmc/shared/firmware';
import { moidsOf, parseIsoTime } from '@dmc/shared/query';
import type {
  CompareOp,
  FieldName,
  Literal,
  ProfileTarget,
  QueryExpr,
  Target,
  TreeTarget,
} from '@dmc/shared/query';
import { sql } from 'kysely';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { DeviceFilter } from '../ports';
import { containsIgnoringCase, escapeLike } from './dialect';
import type { Engine } from './dialect';
import type { Database, DevicesTable } from './schema';

type DevicesBuilder = ExpressionBuilder<Database, 'devices'>;
type TextColumn = keyof Pick<
  DevicesTable,
  | 'dev_id'
  | 'manufacturer'
  | 'model'
  | 'fw_version'
  | 'sw_version'
  | 'hw_version'
  | 'dev_type'
  | 'lang'
  | 'oem'
  | 'dm_version'
>;

const TEXT_COLUMNS: Partial<Record<FieldName, TextColumn>> = {
  devId: 'dev_id',
  Man: 'manufacturer',
  Mod: 'model',
  FwV: 'fw_version',
  SwV: 'sw_version',
  HwV: 'hw_version',
  DevType: 'dev_type',
  Lang: 'lang',
  OEM: 'oem',
  DmV: 'dm_version',
};

/**
 * Version fields: `<`, `<=`, `>`, `>=` compare the stored sort keys (shared/src/firmware/
 * version-order.ts, migration 0020), so 1.9 < 1.10 and 1.0-rc1 < 1.0, on an index; `=`, `~` and
 * `IN` stay exact text.
 */
const VERSION_KEY_COLUMNS: Partial<Record<FieldName, 'fw_version_key' | 'sw_version_key'>> = {
  FwV: 'fw_version_key',
  SwV: 'sw_version_key',
};

/** Inequalities as SQL; `=`/`!=` and `~`/`!~` are built from their positive half. */
const ORDERING: Partial<Record<CompareOp, string>> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

interface Context {
  eb: DevicesBuilder;
  engine: Engine;
  now: number;
}

/** The value a literal compares as on a text column: numbers as written (`2.0` stays "2.0"). */
function textOf(literal: Literal): string {
  switch (literal.kind) {
    case 'string':
      return literal.value;
    case 'number':
    case 'duration':
    case 'date':
      return literal.raw;
    case 'boolean':
      return String(literal.value);
    case 'null':
      return '';
  }
}

function timeOf(literal: Literal, now: number): number {
  if (literal.kind === 'duration') return now + literal.ms;
  if (literal.kind === 'date') return literal.ms;
  const ms = literal.kind === 'string' ? parseIsoTime(literal.value) : undefined;
  // The parser's type check admits only these; anything else is a programming error.
  if (ms === undefined) throw new RangeError(`not a time literal: ${literal.kind}`);
  return ms;
}

const isNegative = (op: CompareOp): boolean => op === '!=' || op === '!~';
const positive = (op: CompareOp): CompareOp => (op === '!=' ? '=' : op === '!~' ? '~' : op);

/** `column OP value` for a non-null column; `~` is a case-insensitive substring match. */
function scalarCondition(
  ctx: Context,
  column: Expression<unknown>,
  op: CompareOp,
  value: string | number,
): Expression<SqlBool> {
  if (op === '~') return containsIgnoringCase(ctx.engine, column, String(value));
  if (op === '=') return sql<SqlBool>`${column} = ${value}`;
  const ordering = ORDERING[op];
  if (ordering === undefined) throw new RangeError(`operator ${op} has no scalar form`);
  return sql<SqlBool>`${column} ${sql.raw(ordering)} ${value}`;
}

/** Applies the null and negation rules around a positive condition on a nullable column. */
function nullable(
  ctx: Context,
  column: Expression<unknown>,
  op: CompareOp,
  value: Literal,
  build: (op: CompareOp) => Expression<SqlBool>,
): Expression<SqlBool> {
  const { eb } = ctx;
  if (value.kind === 'null')
    return op === '=' ? sql<SqlBool>`${column} is null` : sql<SqlBool>`${column} is not null`;
  const matched = eb.and([sql<SqlBool>`${column} is not null`, build(positive(op))]);
  return isNegative(op) ? eb.not(matched) : matched;
}

function textField(ctx: Context, column: TextColumn, op: CompareOp, value: Literal): Expression<SqlBool> {
  const ref = ctx.eb.ref(`devices.${column}`);
  return nullable(ctx, ref, op, value, (p) => scalarCondition(ctx, ref, p, textOf(value)));
}

/** `FwV < "1.10"`: the stored sort key against the literal's (both ASCII, compared bytewise). */
function versionField(
  ctx: Context,
  column: 'fw_version_key' | 'sw_version_key',
  op: CompareOp,
  value: Literal,
): Expression<SqlBool> {
  const ref = ctx.eb.ref(`devices.${column}`);
  return nullable(ctx, ref, op, value, (p) => scalarCondition(ctx, ref, p, versionSortKey(textOf(value))));
}

function timeField(
  ctx: Context,
  column: 'last_seen_at' | 'created_at',
  op: CompareOp,
  value: Literal,
): Expression<SqlBool> {
  const ref = ctx.eb.ref(`devices.${column}`);
  return nullable(ctx, ref, op, value, (p) => scalarCondition(ctx, ref, p, timeOf(value, ctx.now)));
}

/** Online: in contact within ONLINE_WINDOW_S of `now` (the same rule as the API's `online`). */
function onlineField(ctx: Context, op: CompareOp, value: Literal): Expression<SqlBool> {
  const since = ctx.now - ONLINE_WINDOW_S * 1000;
  const online = ctx.eb.and([
    ctx.eb('devices.last_seen_at', 'is not', null),
    ctx.eb('devices.last_seen_at', '>=', since),
  ]);
  const wantsOnline = (value.kind === 'boolean' && value.value) !== (op === '!=');
  return wantsOnline ? online : ctx.eb.not(online);
}

function labelExists(
  ctx: Context,
  condition?: (label: Expression<unknown>) => Expression<SqlBool>,
): Expression<SqlBool> {
  const { eb } = ctx;
  let select = eb
    .selectFrom('device_labels')
    .select('device_labels.dev_id')
    .whereRef('device_labels.dev_id', '=', 'devices.dev_id');
  if (condition) select = select.where(() => condition(sql.ref('device_labels.label')));
  return eb.exists(select);
}

function labelField(ctx: Context, op: CompareOp, value: Literal): Expression<SqlBool> {
  if (value.kind === 'null') return op === '=' ? ctx.eb.not(labelExists(ctx)) : labelExists(ctx);
  const exists = labelExists(ctx, (label) => scalarCondition(ctx, label, positive(op), textOf(value)));
  return isNegative(op) ? ctx.eb.not(exists) : exists;
}

/** The columns of a stored node a tree condition tests: its text and its number (migration 0027). */
interface NodeValue {
  text: Expression<unknown>;
  number: Expression<unknown>;
}

/**
 * Devices with rows of tree_nodes at the target's path(s) in any of its MOIDs (and its MIID, when
 * given). An uncorrelated `dev_id IN (…)` lets the engine scan the (moid, path, value_num, dev_id)
 * index once instead of probing the tree of every device; a numeric condition is read from that
 * index alone (migration 0027).
 */
function treeNodes(
  ctx: Context,
  target: TreeTarget,
  condition?: (value: NodeValue) => Expression<SqlBool>,
): Expression<SqlBool> {
  const { eb } = ctx;
  const moids = [...moidsOf(target.moid)];
  const path = target.path.join('/');
  let select = eb
    .selectFrom('tree_nodes')
    .select('tree_nodes.dev_id')
    .where('tree_nodes.moid', 'in', moids.length > 0 ? moids : [target.moid]);
  if (target.miid !== null) select = select.where('tree_nodes.miid', '=', target.miid);
  if (target.path.includes('*')) {
    // `*` is one whole segment: LIKE's % could span several, so the segment count is checked too.
    const pattern = target.path.map((s) => (s === '*' ? '%' : escapeLike(s))).join('/');
    const slashes = target.path.length - 1;
    const ref = sql.ref('tree_nodes.path');
    select = select
      .where(() => sql<SqlBool>`${ref} like ${pattern} escape '\\'`)
      .where(() => sql<SqlBool>`length(${ref}) - length(replace(${ref}, '/', '')) = ${slashes}`);
  } else {
    select = select.where('tree_nodes.path', '=', path);
  }
  if (condition) {
    const value = { text: sql.ref('tree_nodes.value'), number: sql.ref('tree_nodes.value_num') };
    select = select.where(() => condition(value));
  }
  return eb('devices.dev_id', 'in', select);
}

function treeValue(ctx: Context, target: TreeTarget, op: CompareOp, value: Literal): Expression<SqlBool> {
  if (value.kind === 'null') {
    const reported = treeNodes(ctx, target, (v) => sql<SqlBool>`${v.text} is not null`);
    return op === '=' ? ctx.eb.not(reported) : reported;
  }
  const p = positive(op);
  const condition = (v: NodeValue): Expression<SqlBool> => {
    // Numbers compare numerically with values that are numbers (value_num is NULL for the others);
    // text compares by code point.
    if (value.kind === 'number' && p !== '~') return scalarCondition(ctx, v.number, p, value.value);
    return ctx.eb.and([sql<SqlBool>`${v.text} is not null`, scalarCondition(ctx, v.text, p, textOf(value))]);
  };
  const exists = treeNodes(ctx, target, condition);
  return isNegative(op) ? ctx.eb.not(exists) : exists;
}

/**
 * `profile "<name>" = failed`: the device has that status in the profile named so (ignoring case,
 * through `profiles.name_key`). An EXISTS probe of the (profile_id, status, dev_id) index per device;
 * `!=` is its complement, so devices outside the profile match it too.
 */
function profileStatus(
  ctx: Context,
  target: ProfileTarget,
  op: CompareOp,
  value: Literal,
): Expression<SqlBool> {
  const { eb } = ctx;
  const status = value.kind === 'string' ? value.value : '';
  const exists = eb.exists(
    eb
      .selectFrom('profile_devices')
      .innerJoin('profiles', 'profiles.id', 'profile_devices.profile_id')
      .select('profile_devices.dev_id')
      .whereRef('profile_devices.dev_id', '=', 'devices.dev_id')
      .where('profiles.name_key', '=', target.name.toLowerCase())
      .where('profile_devices.status', '=', status),
  );
  return op === '!=' ? eb.not(exists) : exists;
}

function comparison(ctx: Context, target: Target, op: CompareOp, value: Literal): Expression<SqlBool> {
  if (target.kind === 'tree') return treeValue(ctx, target, op, value);
  if (target.kind === 'profile') return profileStatus(ctx, target, op, value);
  const versionKey = VERSION_KEY_COLUMNS[target.name];
  if (versionKey !== undefined && ORDERING[op] !== undefined && value.kind !== 'null')
    return versionField(ctx, versionKey, op, value);
  const column = TEXT_COLUMNS[target.name];
  if (column !== undefined) return textField(ctx, column, op, value);
  switch (target.name) {
    case 'label':
      return labelField(ctx, op, value);
    case 'online':
      return onlineField(ctx, op, value);
    case 'lastSeen':
      return timeField(ctx, 'last_seen_at', op, value);
    case 'createdAt':
      return timeField(ctx, 'created_at', op, value);
    case 'devId':
    case 'Man':
    case 'Mod':
    case 'FwV':
    case 'SwV':
    case 'HwV':
    case 'DevType':
    case 'Lang':
    case 'OEM':
    case 'DmV':
      throw new RangeError(`field ${target.name} has no column`);
  }
}

function inList(ctx: Context, target: Target, values: readonly Literal[]): Expression<SqlBool> {
  const texts = values.map(textOf);
  const { eb } = ctx;
  if (target.kind === 'tree')
    return treeNodes(ctx, target, (v) => sql<SqlBool>`${v.text} in (${sql.join(texts)})`);
  if (target.kind === 'profile') throw new RangeError('IN on a profile status');
  if (target.name === 'label')
    return labelExists(ctx, (label) => sql<SqlBool>`${label} in (${sql.join(texts)})`);
  const column = TEXT_COLUMNS[target.name];
  if (column === undefined) throw new RangeError(`IN on ${target.name}`);
  return eb.and([eb(`devices.${column}`, 'is not', null), eb(`devices.${column}`, 'in', texts)]);
}

function compile(ctx: Context, expr: QueryExpr): Expression<SqlBool> {
  switch (expr.kind) {
    case 'and':
      return ctx.eb.and(expr.items.map((item) => compile(ctx, item)));
    case 'or':
      return ctx.eb.or(expr.items.map((item) => compile(ctx, item)));
    case 'not':
      return ctx.eb.not(compile(ctx, expr.operand));
    case 'compare':
      return comparison(ctx, expr.target, expr.op, expr.value);
    case 'in':
      return inList(ctx, expr.target, expr.values);
  }
}

/** The SQL condition of a fleet query over the `devices` table. */
export function compileDeviceFilter(
  eb: DevicesBuilder,
  engine: Engine,
  filter: DeviceFilter,
): Expression<SqlBool> {
  return compile({ eb, engine, now: filter.now.getTime() }, filter.expr);
}
