/** Tracks work that outlives the command that started it (async EXEC, SUB uploads). */
export class Background {
  private readonly tasks = new Set<Promise<void>>();

  constructor(private readonly log: (line: string) => void) {}

  run(name: string, task: () => Promise<void>): void {
    const promise: Promise<void> = task()
      .catch((e: unknown) => this.log(`${name} failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => this.tasks.delete(promise));
    this.tasks.add(promise);
  }

  get size(): number {
    return this.tasks.size;
  }

  /** Resolves once no task is running, including tasks started by other tasks. */
  async idle(): Promise<void> {
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
  }
}
