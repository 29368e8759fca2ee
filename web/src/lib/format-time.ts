const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const SHORT: Partial<Record<Intl.RelativeTimeFormatUnit, string>> = {
  year: 'y',
  month: 'mo',
  day: 'd',
  hour: 'h',
  minute: 'min',
};

/** "just now", "3 min ago", "2 h ago", "in 5 min": compact relative time for tables. */
export function formatRelative(iso: string, now: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '—';
  const diffS = Math.round((now - at) / 1000);
  const abs = Math.abs(diffS);
  // The shared clock ticks every 15 s, so a fresh server time may lie slightly in the future.
  if (diffS > -60 && diffS < 45) return 'just now';
  for (const [unit, seconds] of UNITS) {
    if (abs >= seconds) {
      const n = Math.floor(abs / seconds);
      const text = `${n} ${SHORT[unit] ?? unit}`;
      return diffS >= 0 ? `${text} ago` : `in ${text}`;
    }
  }
  return diffS >= 0 ? '1 min ago' : 'in 1 min';
}

const ABSOLUTE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** Full local date and time, shown on hover. */
export function formatAbsolute(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : ABSOLUTE.format(at);
}
