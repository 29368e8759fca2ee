// Time literals of a fleet query: ISO 8601 dates (UTC unless a zone is given) and relative times.

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Epoch ms of an ISO date or date-time; undefined when it is not a real calendar time. */
export function parseIsoTime(raw: string): number | undefined {
  const m = ISO.exec(raw.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const ms = frac === '' ? '' : frac.slice(0, 4).padEnd(4, '0');
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const value = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${ms}${offset}`);
  if (!Number.isFinite(value)) return undefined;
  // Date.parse rolls 2024-02-30 over into March; a real date reads back the same.
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  return value;
}

/** Milliseconds of a relative time such as `-30m` (negative: in the past). */
export function parseDuration(raw: string): number | undefined {
  const m = /^(-?)(\d+)([smhdw])$/.exec(raw);
  if (!m) return undefined;
  const [, sign = '', amount = '0', unit = 's'] = m;
  const ms = Number(amount) * (UNIT_MS[unit] ?? 0);
  return sign === '-' ? -ms : ms;
}
