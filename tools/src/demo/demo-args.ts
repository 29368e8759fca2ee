// DMC_DEMO_DEVICES: how many simulated devices start beside the server (0 to 10000, default 0).
import { z } from 'zod';

const demoDevicesSchema = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be 0 or more')
  .max(10_000, 'must be at most 10000');

/** The demo fleet's size; throws with a message naming the variable when the value is bad. */
export function parseDemoDevices(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 0;
  const parsed = demoDevicesSchema.safeParse(raw);
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? 'is invalid';
    throw new Error(`Invalid configuration:\n  DMC_DEMO_DEVICES (got "${raw}"): ${reason}`);
  }
  return parsed.data;
}

/**
 * The environment the server starts with beside a demo fleet: its devices listen for P0 on
 * 127.0.0.1, so push URLs may name loopback addresses (DMC_PUSH_ALLOW_PRIVATE, protocol §12) unless
 * the environment says otherwise. Without a fleet the environment is passed on as it is.
 */
export function demoServerEnv(
  env: Record<string, string | undefined>,
  count: number,
): Record<string, string | undefined> {
  if (count === 0 || (env.DMC_PUSH_ALLOW_PRIVATE ?? '') !== '') return env;
  return { ...env, DMC_PUSH_ALLOW_PRIVATE: '1' };
}
