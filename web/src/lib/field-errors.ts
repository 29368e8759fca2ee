// Form errors in words: one mapping from the API's VALIDATION_FAILED `details.issues` (each a `path`
// and zod's message) and from zod issues checked in the browser, to "Name: must be at least 1
// character". Forms show these instead of raw schema messages.
import { z } from 'zod';
import { isApiError } from './api-error';

/** One problem with one field, as the API (`{ path, message }`) or zod (with its `code`) gives it. */
export type FieldIssueInput = {
  path: string | readonly PropertyKey[];
  message: string;
  code?: string;
  minimum?: unknown;
  maximum?: unknown;
  origin?: string;
  expected?: unknown;
  values?: readonly unknown[];
  format?: string;
  input?: unknown;
};

export type FieldError = {
  /** The field's key (`name`, `labels.0`); '' for the request as a whole. */
  field: string;
  /** The field's name in words: the form's label, or the key made readable. */
  label: string;
  /** What is wrong, in words, without the field's name. */
  problem: string;
  /** `${label}: ${problem}`. */
  text: string;
};

const apiIssuesSchema = z.object({
  issues: z.array(z.object({ path: z.string(), message: z.string() })).max(100),
});

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const FORMATS: Readonly<Record<string, string>> = {
  email: 'must be an email address',
  url: 'must be a URL (https://…)',
  datetime: 'must be a date and time',
  regex: 'contains characters that are not allowed',
  uuid: 'must be an ID (UUID)',
};

function sizeProblem(isMin: boolean, origin: string | undefined, bound: number, inclusive: boolean): string {
  const n = inclusive ? bound : isMin ? bound + 1 : bound - 1;
  const which = isMin ? 'at least' : 'at most';
  if (origin === 'string') return `must be ${which} ${plural(n, 'character')}`;
  if (origin === 'array' || origin === 'set') return `must have ${which} ${plural(n, 'item')}`;
  return `must be ${which} ${n}`;
}

/** Words for zod's own default messages (what the API sends back in `details.issues`). */
function problemFromMessage(message: string): string {
  let m = /^Too (small|big): expected (\w+) to (?:have|be) (>=|>|<=|<)\s*(-?[\d.]+)/.exec(message);
  if (m) return sizeProblem(m[1] === 'small', m[2], Number(m[4]), m[3] === '>=' || m[3] === '<=');
  m = /^Invalid input: expected (\w+), received (\w+)/.exec(message);
  if (m) return m[2] === 'undefined' ? 'is required' : `must be ${m[1] === 'array' ? 'a list' : `a ${m[1]}`}`;
  m = /^Invalid option: expected one of (.+)$/.exec(message);
  if (m) return `must be one of ${(m[1] ?? '').replace(/"/g, '').split('|').join(', ')}`;
  if (/^Invalid string: must match pattern/.test(message)) return FORMATS.regex ?? message;
  m = /^Invalid (email address|URL|ISO datetime|UUID)/i.exec(message);
  if (m)
    return FORMATS[(m[1] ?? '').split(' ')[0]?.toLowerCase().replace('iso', 'datetime') ?? ''] ?? message;
  if (/^Unrecognized key/.test(message)) return 'is not a known field';
  // A message the schema wrote itself is already meant for people: lower its first letter only.
  return message.charAt(0).toLowerCase() + message.slice(1);
}

function problemOf(issue: FieldIssueInput): string {
  switch (issue.code ?? '') {
    case 'too_small':
    case 'too_big': {
      const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      if (Number.isFinite(bound))
        return sizeProblem(
          issue.code === 'too_small',
          issue.origin,
          bound,
          (issue as { inclusive?: boolean }).inclusive !== false,
        );
      break;
    }
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be a ${String(issue.expected)}`;
    case 'invalid_value':
      if (issue.values) return `must be one of ${issue.values.map(String).join(', ')}`;
      break;
    case 'invalid_format':
      return FORMATS[issue.format ?? ''] ?? FORMATS.regex ?? issue.message;
    case 'unrecognized_keys':
      return 'is not a known field';
    default:
      break;
  }
  return problemFromMessage(issue.message);
}

/** `devId` → "Dev ID", `push_url` → "Push url", `labels.0` → "Labels (item 1)". */
export function fieldLabel(path: string, labels: Readonly<Record<string, string>> = {}): string {
  const known = labels[path];
  if (known) return known;
  const parts = path.split('.').filter((p) => p !== '');
  const index = parts.length > 1 && /^\d+$/.test(parts.at(-1) ?? '') ? Number(parts.pop()) : undefined;
  const key = parts.join('.');
  const name =
    labels[key] ??
    (parts.at(-1) ?? '')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .replace(/[_-]+/g, ' ')
      .replace(/\bid\b/gi, 'ID')
      .toLowerCase()
      .replace(/\bid\b/g, 'ID')
      .replace(/^./, (c) => c.toUpperCase());
  return index === undefined ? name || 'Request' : `${name || 'Request'} (item ${index + 1})`;
}

/** One issue in words. */
export function describeIssue(issue: FieldIssueInput, labels?: Readonly<Record<string, string>>): FieldError {
  const field = typeof issue.path === 'string' ? issue.path : issue.path.map(String).join('.');
  const label = fieldLabel(field, labels);
  const problem = problemOf(issue);
  return { field, label, problem, text: `${label}: ${problem}` };
}

/**
 * The field errors of a failure: the API's VALIDATION_FAILED issues, or a ZodError's. Empty for any
 * other error (show its message and code as they are).
 */
export function fieldErrorsOf(error: unknown, labels?: Readonly<Record<string, string>>): FieldError[] {
  if (error instanceof z.ZodError)
    return error.issues.map((issue) => describeIssue(issue as FieldIssueInput, labels));
  if (!isApiError(error) || error.code !== 'VALIDATION_FAILED') return [];
  const parsed = apiIssuesSchema.safeParse(error.details);
  return parsed.success ? parsed.data.issues.map((issue) => describeIssue(issue, labels)) : [];
}

/** The first field error of `field`, for an input's `error` prop. */
export function errorOfField(errors: readonly FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.problem;
}
