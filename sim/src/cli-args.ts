import { z } from 'zod';

const positiveInt = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .positive(`${name} must be > 0`);

const argsSchema = z
  .object({
    devices: positiveInt('--devices').default(1),
    server: z.url({
      protocol: /^https?$/,
      error: '--server must be an http(s) URL such as http://localhost:8080',
    }),
    interval: positiveInt('--interval').optional(),
    concurrency: positiveInt('--concurrency').default(16),
    auth: z.enum(['basic', 'digest'], { error: '--auth must be basic or digest' }).default('basic'),
    prefix: z
      .string()
      .regex(/^[A-Za-z0-9._-]+$/, '--prefix may hold letters, digits, ".", "_" and "-"')
      .default('sim'),
    register: z.boolean().default(false),
    user: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    seed: positiveInt('--seed').default(1),
    /** Listen for P0 notifications (protocol §6); `--push-port` picks the port and implies it. */
    push: z.boolean().default(false),
    'push-port': positiveInt('--push-port').max(65_535, '--push-port must be ≤ 65535').optional(),
    verbose: z.boolean().default(false),
  })
  .refine((a) => !a.register || (a.user !== undefined && a.password !== undefined), {
    message: '--register needs --user and --password',
  });

export type CliArgs = z.infer<typeof argsSchema>;

const FLAGS = new Set(['register', 'verbose', 'push']);

/** Parses `--name value` / `--name=value` / `--flag`; a clear message on anything else. */
export function parseCliArgs(
  argv: readonly string[],
): { ok: true; value: CliArgs } | { ok: false; error: string } {
  const raw: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (m === null) return { ok: false, error: `unexpected argument "${arg}"` };
    const name = m[1] ?? '';
    if (FLAGS.has(name)) {
      raw[name] = true;
      continue;
    }
    const value = m[2] ?? argv[i + 1];
    if (value === undefined) return { ok: false, error: `--${name} needs a value` };
    if (m[2] === undefined) i += 1;
    raw[name] = value;
  }
  const parsed = argsSchema.strict().safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const unknown =
      issue?.code === 'unrecognized_keys' ? `unknown option --${issue.keys.join(', --')}` : undefined;
    const where = issue?.path[0] === undefined ? '' : `--${String(issue.path[0])}: `;
    return { ok: false, error: unknown ?? `${where}${issue?.message ?? 'bad arguments'}` };
  }
  return { ok: true, value: parsed.data };
}
