// PostgreSQL's own CPU for one benchmark database, read from /proc: the backends serving it (their
// process title names the database, `postgres: 15/main: postgres <db> 127.0.0.1(…) idle`). A backend
// that exits takes its counters with it, so the caller keeps its connections pooled and the snapshot
// says how many backends went away between two readings (their CPU is missing from the difference).
// PostgreSQL's shared processes (WAL writer, checkpointer, …) serve every database on the machine and
// are not counted.
import { readdirSync, readFileSync } from 'node:fs';
import { cpuSeconds } from './stats';

/** CPU seconds by backend pid. */
export type BackendCpu = ReadonlyMap<number, number>;

function titleOf(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** The backends (and autovacuum workers) of `database` now, with the CPU each has used. */
export function backendCpu(database: string): BackendCpu {
  const found = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const title = titleOf(entry);
    if (!title.startsWith('postgres:') || !title.split(' ').includes(database)) continue;
    const seconds = cpuSeconds(Number(entry));
    if (Number.isFinite(seconds)) found.set(Number(entry), seconds);
  }
  return found;
}

/** CPU the backends used between two readings; `exited` backends' CPU is not in `seconds`. */
export function backendCpuBetween(
  before: BackendCpu,
  after: BackendCpu,
): { seconds: number; exited: number } {
  let seconds = 0;
  for (const [pid, cpu] of after) seconds += cpu - (before.get(pid) ?? 0);
  let exited = 0;
  for (const pid of before.keys()) if (!after.has(pid)) exited += 1;
  return { seconds, exited };
}
