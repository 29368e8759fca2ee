import type { NodeFormat } from '../metadata/metadata.schema';

const INT = /^[-+]?\d+$/;
const FLOAT = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// ISO 8601 as the DDF's date and time formats use it: extended or basic form (protocol §5.4).
const DATE = /^(\d{4})-?(\d{2})-?(\d{2})$/;
const TIME = /^(\d{2}):?(\d{2}):?(\d{2})(\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)?$/;
const INT32 = { min: -2147483648, max: 2147483647 };

/** Regular expressions (JSON Schema `pattern` syntax) of the leaf formats that have one. */
export const FORMAT_PATTERNS: Partial<Record<NodeFormat, string>> = {
  int: INT.source,
  float: FLOAT.source,
  b64: B64.source,
  bool: '^(true|false)$',
  date: DATE.source,
  time: TIME.source,
};

function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function isClockTime(value: string): boolean {
  const m = TIME.exec(value);
  if (!m) return false;
  // 60 allows a leap second.
  return Number(m[1]) < 24 && Number(m[2]) < 60 && Number(m[3]) <= 60;
}

/**
 * Why `value` is not a valid leaf value of `format` (DDF format rules, protocol §5.4), or undefined when
 * it is. A null value (empty leaf) is valid for every leaf format.
 */
export function checkValueFormat(format: NodeFormat, value: string | null): string | undefined {
  if (value === null) return undefined;
  switch (format) {
    case 'int': {
      if (!INT.test(value)) return `"${value}" is not an integer (format int)`;
      const n = Number(value);
      return n < INT32.min || n > INT32.max
        ? `${value} is outside the 32-bit range of format int`
        : undefined;
    }
    case 'bool':
      return value === 'true' || value === 'false'
        ? undefined
        : `"${value}" is not a boolean: format bool takes "true" or "false"`;
    case 'float':
      return FLOAT.test(value) ? undefined : `"${value}" is not a decimal number (format float)`;
    case 'date':
      return isCalendarDate(value) ? undefined : `"${value}" is not an ISO 8601 date such as 2030-01-31`;
    case 'time':
      return isClockTime(value) ? undefined : `"${value}" is not an ISO 8601 time such as 13:45:00Z`;
    case 'b64':
      return B64.test(value) ? undefined : `"${value}" is not base64 (format b64)`;
    case 'node':
      return 'an interior node holds nodes, not a value';
    case 'null':
      return value === '' ? undefined : 'a node of format null carries no value';
    case 'chr':
    case 'bin':
    case 'xml':
      return undefined;
  }
}
