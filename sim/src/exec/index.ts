import type { Location } from '../mo-store';
import { dcmoJob } from './dcmo';
import type { ExecEnv, ExecJob } from './exec-job';
import { fumoJob } from './fumo';
import { scomoJob } from './scomo';

export type { ExecEnv, ExecJob, ExecOutcome } from './exec-job';

const FACTORIES = [fumoJob, scomoJob, dcmoJob];

/** The operation behind an executable node, if the device implements one. */
export function findExecJob(env: ExecEnv, location: Location): ExecJob | undefined {
  for (const factory of FACTORIES) {
    const job = factory(env, location);
    if (job !== undefined) return job;
  }
  return undefined;
}
