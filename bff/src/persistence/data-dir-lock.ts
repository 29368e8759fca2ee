// One server per SQLite data directory (invariant 31). A second process on the same DMC_DATA_DIR
// would share the database file and its write lock with the first, which then answers 503 while the
// two fight over it; instead the second stops at once, naming the directory and the holder.
// `dmc.lock` is created with O_EXCL and holds the owner's pid, start time and a random token. A lock
// whose pid is no longer alive (a crash, SIGKILL, a container restarted with the same pid) is stale
// and taken over. PostgreSQL mode needs no lock: several instances share one database by design.
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const DATA_DIR_LOCK_FILE = 'dmc.lock';

const lockContentSchema = z.object({
  pid: z.number().int().positive(),
  startedAt: z.string().max(64),
  token: z.string().max(64),
});
type LockContent = z.infer<typeof lockContentSchema>;

/** The directory is held by another live process. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: { pid: number; startedAt: string },
  ) {
    super(
      `the data directory ${dir} is in use by another dmc process (pid ${holder.pid}, started ${holder.startedAt}). ` +
        `Stop that process first, or give this one another DMC_DATA_DIR (one server per data directory; ` +
        `several instances need PostgreSQL: DMC_DATABASE_URL).`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly file: string;
  /** Removes the lock file when it is still this process's own; safe to call twice. */
  release(): void;
}

function codeOf(err: unknown): unknown {
  return typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return codeOf(err) === 'EPERM';
  }
}

function readLock(file: string): LockContent | undefined {
  try {
    const parsed = lockContentSchema.safeParse(JSON.parse(readFileSync(file, 'utf8').slice(0, 1024)));
    return parsed.success ? parsed.data : undefined;
  } catch (err) {
    if (codeOf(err) === 'ENOENT') return undefined;
    // Unreadable or half-written content: the writer died between create and write.
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
}

function tryCreate(file: string, content: LockContent): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (err) {
    if (codeOf(err) === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, JSON.stringify(content));
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes `dmc.lock` in `dir` (which must exist) or throws `DataDirLockedError` naming the live holder.
 * A stale lock is moved aside atomically (rename) before a fresh one is created, so of two processes
 * taking over the same stale lock only one creates the new file. The lock is released when the
 * process exits (`process.exit` included), and by `release()`.
 */
export function lockDataDir(dir: string, options: { now?: Date; pid?: number } = {}): DataDirLock {
  const file = path.join(dir, DATA_DIR_LOCK_FILE);
  const pid = options.pid ?? process.pid;
  const mine: LockContent = {
    pid,
    startedAt: (options.now ?? new Date()).toISOString(),
    token: randomBytes(16).toString('hex'),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(file, mine)) {
      let isReleased = false;
      const release = () => {
        if (isReleased) return;
        isReleased = true;
        process.off('exit', release);
        if (readLock(file)?.token !== mine.token) return;
        try {
          unlinkSync(file);
        } catch (err) {
          if (codeOf(err) !== 'ENOENT') throw err;
        }
      };
      process.on('exit', release);
      return { file, release };
    }
    const holder = readLock(file);
    // Our own pid cannot hold another lock: the file is left from a process that had this pid before
    // (a container restarted as pid 1).
    if (holder && holder.pid !== pid && isProcessAlive(holder.pid)) throw new DataDirLockedError(dir, holder);
    const aside = `${file}.stale-${mine.token}`;
    try {
      renameSync(file, aside);
      rmSync(aside, { force: true });
    } catch (err) {
      if (codeOf(err) !== 'ENOENT') throw err;
    }
  }
  const holder = readLock(file);
  throw new DataDirLockedError(dir, holder ?? { pid: 0, startedAt: 'unknown' });
}
