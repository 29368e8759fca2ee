// What every benchmark returns: figures with their targets, plus the run's options.

export interface Target {
  op: '<' | '<=' | '>=';
  value: number;
}

export interface Figure {
  /** Benchmark number: 1–6 of issue #7; 7 (tree writes) and 8 (P3/P1 race) of issue 12; 9 (campaigns) of issue 14; 10 (tree history) of issue 15; 1, 3 and 4 redone for issue 16; 11 (profile enforcement cost) and 12 (profile counts) of issue 17. */
  bench: number;
  label: string;
  /** NaN when it could not be measured. */
  value: number;
  unit: string;
  target?: Target;
  note?: string;
}

export interface BenchContext {
  quick: boolean;
  /** Run the PostgreSQL variants (a local server answers). */
  postgres: boolean;
  log(line: string): void;
  /** Keeps a table that is not a figure (e.g. the sizing table) in bench-results.json under `name`. */
  record?(name: string, value: unknown): void;
}

export type Verdict = 'met' | 'missed' | 'n/a';

export function verdict(figure: Figure): Verdict {
  if (figure.target === undefined || !Number.isFinite(figure.value)) return 'n/a';
  const { op, value } = figure.target;
  const ok = op === '<' ? figure.value < value : op === '<=' ? figure.value <= value : figure.value >= value;
  return ok ? 'met' : 'missed';
}
