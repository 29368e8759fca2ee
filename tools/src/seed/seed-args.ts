// Command line of `npm run seed`.
import path from 'node:path';
import { z } from 'zod';

export interface SeedArgs {
  devices: number;
  /** SQLite file (from --data-dir) unless databaseUrl is set. */
  sqliteFile: string;
  databaseUrl: string | undefined;
  batch: number;
}

const argsSchema = z.object({
  devices: z.coerce.number().int().min(1).max(10_000_000),
  'data-dir': z.string().min(1).default('./data'),
  'database-url': z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  batch: z.coerce.number().int().min(1).max(10_000).default(1000),
});

export const SEED_USAGE =
  'usage: npm run seed -- --devices 100000 [--data-dir ./data | --database-url postgres://…] [--batch 1000]';

/** Parses `--name value` pairs; DMC_DATA_DIR / DMC_DATABASE_URL are the defaults, as for the server. */
export function parseSeedArgs(argv: readonly string[], env: Record<string, string | undefined>): SeedArgs {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i] ?? '';
    const value = argv[i + 1];
    if (!name.startsWith('--') || value === undefined) throw new Error(`bad argument ${name}\n${SEED_USAGE}`);
    raw[name.slice(2)] = value;
    i += 1;
  }
  if (raw['data-dir'] === undefined && env.DMC_DATA_DIR) raw['data-dir'] = env.DMC_DATA_DIR;
  if (raw['database-url'] === undefined && env.DMC_DATABASE_URL) raw['database-url'] = env.DMC_DATABASE_URL;
  const parsed = argsSchema.strict().safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${issue ? `--${issue.path.join('.')}: ${issue.message}` : 'bad arguments'}\n${SEED_USAGE}`,
    );
  }
  return {
    devices: parsed.data.devices,
    sqliteFile: path.join(path.resolve(parsed.data['data-dir']), 'dmc.sqlite'),
    databaseUrl: parsed.data['database-url'],
    batch: parsed.data.batch,
  };
}
