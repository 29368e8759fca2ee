// Type rules of the query language: which operators and literals each kind of target takes. They
// run while parsing, so a mistake is reported at the exact literal or operator.
import type { CompareOp, Literal, Target } from './ast';
import { fault } from './fault';
import { QUERY_FIELDS } from './fields';
import type { FieldKind } from './fields';
import { parseIsoTime } from './time';

type TargetKind = FieldKind | 'tree' | 'profile';

/** The statuses `profile "<name>" = …` compares with (protocol §14). */
export const PROFILE_QUERY_STATUSES = ['verified', 'pending', 'failed', 'conflicted'] as const;

const OPS_BY_KIND: Readonly<Record<TargetKind, readonly CompareOp[]>> = {
  text: ['=', '!=', '<', '<=', '>', '>=', '~', '!~'],
  label: ['=', '!=', '~', '!~'],
  boolean: ['=', '!='],
  time: ['=', '!=', '<', '<=', '>', '>='],
  tree: ['=', '!=', '<', '<=', '>', '>=', '~', '!~'],
  profile: ['=', '!='],
};

function kindOf(target: Target): TargetKind {
  if (target.kind === 'field') return QUERY_FIELDS[target.name].kind;
  return target.kind;
}

function nameOf(target: Target): string {
  if (target.kind === 'profile') return 'a profile status';
  return target.kind === 'field' ? target.name : 'this tree value';
}

const EXAMPLE: Readonly<Record<TargetKind, string>> = {
  text: '"Sim-1"',
  label: '"berlin"',
  boolean: 'true or false',
  time: '-1h, -7d or 2026-01-31',
  tree: '"100" or 100',
  profile: PROFILE_QUERY_STATUSES.join(', '),
};

function isTextual(value: Literal): boolean {
  return value.kind === 'string' || value.kind === 'number';
}

function accepts(kind: TargetKind, op: CompareOp, value: Literal): boolean {
  if (value.kind === 'null') return kind !== 'profile' && (op === '=' || op === '!=');
  if (op === '~' || op === '!~') return isTextual(value);
  switch (kind) {
    case 'text':
    case 'label':
      return isTextual(value);
    case 'boolean':
      return value.kind === 'boolean';
    case 'time':
      return (
        value.kind === 'duration' ||
        value.kind === 'date' ||
        (value.kind === 'string' && parseIsoTime(value.value) !== undefined)
      );
    case 'tree':
      return isTextual(value) || value.kind === 'boolean';
    case 'profile':
      return value.kind === 'string' && (PROFILE_QUERY_STATUSES as readonly string[]).includes(value.value);
  }
}

export function checkComparison(
  target: Target,
  op: CompareOp,
  value: Literal,
  opAt: { start: number; end: number },
): void {
  const kind = kindOf(target);
  if (!OPS_BY_KIND[kind].includes(op)) {
    throw fault(opAt, `${nameOf(target)} does not take ${op}; use ${OPS_BY_KIND[kind].join(' ')}`);
  }
  if (!accepts(kind, op, value)) {
    const what = op === '~' || op === '!~' ? 'text to look for' : `a value such as ${EXAMPLE[kind]}`;
    throw fault(value.span, `${nameOf(target)} ${op} needs ${what}`);
  }
}

export function checkIn(
  target: Target,
  values: readonly Literal[],
  inAt: { start: number; end: number },
): void {
  const kind = kindOf(target);
  if (kind === 'profile') throw fault(inAt, 'a profile status takes = or !=, not IN');
  if (kind === 'boolean' || kind === 'time')
    throw fault(inAt, `IN works on text, labels and tree values, not on ${nameOf(target)}`);
  const bad = values.find((v) => !isTextual(v));
  if (bad) throw fault(bad.span, 'IN lists hold text or numbers');
}
