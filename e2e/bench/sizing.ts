// The sizing table: devices one instance serves when each device opens one session per contact
// interval, from a measured session rate at 50 % headroom (the rest is for commands, bursts and the
// console): devices = sessions/s × 0.5 × interval in seconds. Every cell keeps its arithmetic.

export const HEADROOM = 0.5;

export const CONTACT_INTERVALS: readonly { label: string; seconds: number }[] = [
  { label: '5 min', seconds: 300 },
  { label: '15 min', seconds: 900 },
  { label: '1 h', seconds: 3_600 },
  { label: '24 h', seconds: 86_400 },
];

/** One deployment measured by benchmark 1. */
export interface SizingInput {
  engine: string;
  /** Sessions/s of the whole deployment. */
  sessionsPerSecond: number;
  instances: number;
}

export interface SizingCell {
  engine: string;
  interval: string;
  /** Devices per instance; NaN when the rate was not measured. */
  devicesPerInstance: number;
  arithmetic: string;
}

export interface SizingTable {
  headroom: number;
  columns: readonly (SizingInput & { perInstance: number })[];
  cells: readonly SizingCell[];
}

/** Rounds down to two significant digits: a sizing figure is a bound, not a measurement. */
export function roundDown(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return value;
  const step = 10 ** Math.max(0, Math.floor(Math.log10(value)) - 1);
  return Math.floor(value / step) * step;
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

export function sizing(inputs: readonly SizingInput[]): SizingTable {
  const columns = inputs.map((i) => ({ ...i, perInstance: i.sessionsPerSecond / i.instances }));
  const cells = CONTACT_INTERVALS.flatMap((interval) =>
    columns.map((c) => {
      const devices = roundDown(c.perInstance * HEADROOM * interval.seconds);
      const rate =
        c.instances > 1 ? `${fmt(c.sessionsPerSecond)}/s ÷ ${c.instances}` : `${fmt(c.perInstance)}/s`;
      return {
        engine: c.engine,
        interval: interval.label,
        devicesPerInstance: devices,
        arithmetic: Number.isFinite(devices)
          ? `${rate} × ${HEADROOM} × ${fmt(interval.seconds)} s ≈ ${fmt(devices)}`
          : 'not measured',
      };
    }),
  );
  return { headroom: HEADROOM, columns, cells };
}

/** The table as text: one row per contact interval, one column per deployment. */
export function formatSizing(table: SizingTable): string {
  const header = [
    'contact interval',
    ...table.columns.map((c) => `${c.engine} (${fmt(Math.round(c.perInstance))} sessions/s per instance)`),
  ];
  const rows = CONTACT_INTERVALS.map((interval) => [
    interval.label,
    ...table.columns.map(
      (c) =>
        table.cells.find((x) => x.engine === c.engine && x.interval === interval.label)?.arithmetic ?? '',
    ),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
