// The run's output: a table on screen (figure, value, target, met/missed) and bench-results.json
// with the machine's facts.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { verdict, type Figure } from './figures';

export interface MachineFacts {
  nproc: number;
  memoryGiB: number;
  cpuModel: string;
  node: string;
  platform: string;
}

export function machineFacts(): MachineFacts {
  return {
    nproc: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

function formatValue(f: Figure): string {
  if (!Number.isFinite(f.value)) return 'not measured';
  return f.unit === '×' ? `${f.value} ×` : `${f.value.toLocaleString('en-US')} ${f.unit}`;
}

function formatTarget(f: Figure): string {
  if (f.target === undefined) return '';
  const unit = f.unit === '×' ? ' ×' : ` ${f.unit}`;
  const op = { '<': '<', '<=': '≤', '>=': '≥' }[f.target.op];
  return `${op} ${f.target.value.toLocaleString('en-US')}${unit}`;
}

export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    String(f.bench),
    f.label,
    formatValue(f),
    formatTarget(f),
    f.target ? verdict(f) : '',
  ]);
  const header = ['#', 'figure', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function writeResults(
  file: string,
  run: { quick: boolean; startedAt: string; seconds: number },
  figures: readonly Figure[],
  tables: Readonly<Record<string, unknown>> = {},
): void {
  const body = {
    ...run,
    machine: machineFacts(),
    ...tables,
    figures: figures.map((f) => ({
      ...f,
      value: Number.isFinite(f.value) ? f.value : null,
      verdict: verdict(f),
    })),
  };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
}
