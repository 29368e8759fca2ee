// Completion for the fleet query bar: field names, MO aliases and node paths from the meta-data
// catalog, operators, keywords and typical values, depending on where the caret is.
import { PROFILE_STATUSES } from '@dmc/shared/api';
import { STANDARD_METADATA } from '@dmc/shared/metadata';
import { FIELD_NAMES, MO_ALIASES, QUERY_FIELDS, lookupField, tokenize } from '@dmc/shared/query';
import type { FieldName, Token } from '@dmc/shared/query';

export type CompletionKind = 'field' | 'tree' | 'operator' | 'keyword' | 'value';

export interface Completion {
  /** Text that replaces the word at the caret. */
  insert: string;
  detail: string;
  kind: CompletionKind;
}

export interface CompletionResult {
  /** The replaced range: the word around the caret. */
  from: number;
  to: number;
  items: Completion[];
}

const WORD = /[A-Za-z0-9_@/.*:-]/;
const MAX_ITEMS = 40;
const OPERATORS: readonly [string, string][] = [
  ['=', 'equals'],
  ['!=', 'differs (also when missing)'],
  ['~', 'contains, any case'],
  ['!~', 'does not contain'],
  ['<', 'less than (text: by character)'],
  ['<=', 'at most'],
  ['>', 'greater than (time: more recent)'],
  ['>=', 'at least'],
  ['IN', 'one of (a, b, …)'],
];
const TIME_VALUES: readonly [string, string][] = [
  ['-5m', '5 minutes ago'],
  ['-1h', '1 hour ago'],
  ['-24h', '24 hours ago'],
  ['-7d', '7 days ago'],
  ['-30d', '30 days ago'],
];

/** Node paths of an MO alias from the meta-data catalog; `<x>` placeholders become `*`. */
function nodePaths(alias: string): { path: string; detail: string }[] {
  const lower = alias.toLowerCase();
  const seen = new Map<string, string>();
  for (const doc of STANDARD_METADATA) {
    if (doc.Root.toLowerCase() !== lower) continue;
    for (const [key, meta] of Object.entries(doc.Nodes)) {
      if (key === '' || meta.Format === 'node') continue;
      const path = key.replace(/<[^<>/]+>/g, '*');
      if (!seen.has(path))
        seen.set(path, `${meta.Format}${meta.Description ? ` · ${meta.Description}` : ''}`);
    }
  }
  return [...seen].map(([path, detail]) => ({ path, detail }));
}

function treeCompletions(prefix: string): Completion[] {
  const slash = prefix.indexOf('/');
  if (slash < 0) {
    const typed = prefix.slice(1).toLowerCase();
    return MO_ALIASES.filter((a) => a.alias.toLowerCase().startsWith(typed)).map((a) => ({
      insert: `@${a.alias}/`,
      detail: a.moids.join(', '),
      kind: 'tree',
    }));
  }
  const alias = prefix.slice(1, slash);
  const canonical = MO_ALIASES.find((a) => a.alias.toLowerCase() === alias.toLowerCase())?.alias ?? alias;
  const typed = prefix.slice(slash + 1).toLowerCase();
  return nodePaths(canonical)
    .filter((n) => n.path.toLowerCase().startsWith(typed))
    .map((n) => ({ insert: `@${canonical}/${n.path} `, detail: n.detail, kind: 'tree' }));
}

function fieldCompletions(prefix: string): Completion[] {
  const typed = prefix.toLowerCase();
  const fields: Completion[] = FIELD_NAMES.filter((name) => name.toLowerCase().startsWith(typed)).map(
    (name) => ({
      insert: `${name} `,
      detail: QUERY_FIELDS[name].description,
      kind: 'field',
    }),
  );
  const trees = typed === '' || '@'.startsWith(typed) ? treeCompletions('@') : [];
  const not: Completion[] =
    'not'.startsWith(typed) && typed !== ''
      ? [{ insert: 'NOT ', detail: 'negates the next condition', kind: 'keyword' }]
      : [];
  const profile: Completion[] =
    'profile'.startsWith(typed) && typed !== ''
      ? [{ insert: 'profile "', detail: 'the device’s status in a configuration profile', kind: 'keyword' }]
      : [];
  return [...fields, ...not, ...profile, ...trees];
}

function valueCompletions(field: FieldName | undefined): Completion[] {
  if (field === undefined) return [];
  const kind = QUERY_FIELDS[field].kind;
  if (kind === 'boolean')
    return ['true', 'false'].map((v) => ({ insert: `${v} `, detail: 'online state', kind: 'value' }));
  if (kind === 'time') return TIME_VALUES.map(([v, detail]) => ({ insert: `${v} `, detail, kind: 'value' }));
  return [];
}

function significant(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'eof' && t.kind !== 'error');
}

function isKeyword(token: Token | undefined, ...words: string[]): boolean {
  return token?.kind === 'ident' && words.includes(token.text.toUpperCase());
}

function isTarget(token: Token | undefined): boolean {
  if (!token) return false;
  if (token.kind === 'tree-path' || token.kind === 'rbracket') return true;
  return token.kind === 'ident' && lookupField(token.text) !== undefined;
}

/** What to offer for the word around `caret` in `text`. */
export function completeQuery(text: string, caret: number): CompletionResult {
  let from = caret;
  while (from > 0 && WORD.test(text.charAt(from - 1))) from -= 1;
  let to = caret;
  while (to < text.length && WORD.test(text.charAt(to))) to += 1;
  const prefix = text.slice(from, caret);
  const before = significant(tokenize(text.slice(0, from)));
  const last = before.at(-1);
  let items: Completion[];
  if (prefix.startsWith('@')) {
    items = treeCompletions(prefix);
  } else if (!last || last.kind === 'lparen' || isKeyword(last, 'AND', 'OR', 'NOT')) {
    items = fieldCompletions(prefix);
  } else if (last.kind === 'string' && isKeyword(before.at(-2), 'PROFILE')) {
    items = [
      { insert: '= ', detail: 'is in this status', kind: 'operator' as const },
      { insert: '!= ', detail: 'is not (or not a member)', kind: 'operator' as const },
    ].filter((c) => c.insert.startsWith(prefix));
  } else if (isTarget(last)) {
    items = OPERATORS.filter(([op]) => op.toLowerCase().startsWith(prefix.toLowerCase())).map(
      ([op, detail]) => ({
        insert: op === 'IN' ? 'IN (' : `${op} `,
        detail,
        kind: 'operator',
      }),
    );
  } else if (last.kind === 'op' && before.at(-2)?.kind === 'string' && isKeyword(before.at(-3), 'PROFILE')) {
    items = PROFILE_STATUSES.filter((status) => status.startsWith(prefix)).map((status) => ({
      insert: `${status} `,
      detail: 'status in the profile',
      kind: 'value',
    }));
  } else if (last.kind === 'op') {
    const target = before.at(-2);
    const field = target?.kind === 'ident' ? lookupField(target.text) : undefined;
    items = valueCompletions(field).filter((c) => c.insert.startsWith(prefix));
  } else {
    items = ['AND', 'OR']
      .filter((w) => w.startsWith(prefix.toUpperCase()))
      .map((w) => ({
        insert: `${w} `,
        detail: w === 'AND' ? 'both conditions' : 'either condition',
        kind: 'keyword',
      }));
  }
  return { from, to, items: items.slice(0, MAX_ITEMS) };
}
