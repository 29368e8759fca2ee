import { apiRoutes, bearerLoginResponseSchema } from '@dmc/shared/api';
import { parseCliArgs, type CliArgs } from './cli-args';
import { createFleet, type Fleet } from './fleet';

const USAGE =
  'usage: npm run sim -- --devices N --server URL [--interval S] [--concurrency C] [--auth basic|digest] ' +
  '[--prefix P] [--register --user U --password P] [--push | --push-port N]  (--help for details)';

const HELP = `dmc device simulator: real OMA DM 2.0 clients (DevInfo, DMAcc, SessionInfo, FUMO, SCOMO, DCMO).

${USAGE}

  --server URL         the dmc server, e.g. http://localhost:8080 (required)
  --devices N          how many devices (default 1); DevIDs are <prefix>-0001, <prefix>-0002, …
  --prefix P           DevID prefix (default "sim"; "imei" makes IMEI:… DevIDs)
  --interval S         keep running: each device starts a session every ~S seconds until Ctrl-C.
                       Without it every device runs one session and the simulator exits
                       (status 1 when a session failed).
  --concurrency C      sessions at once (default 16)
  --auth basic|digest  device authentication (default basic)
  --register           register the devices first through the API, signed in as
  --user U --password P  a console user allowed to add devices (admin or operator)
  --push               listen for P0 wake-ups on a free port (the devices register its URL)
  --push-port N        listen for P0 on port N (implies --push)
  --seed N             profile seed (default 1): the same seed gives the same device profiles
  --verbose            log every session
  --help               this text

example:
  npm run sim -- --devices 100 --server http://localhost:8080 --interval 30 \\
    --register --user admin --password '<password>'`;

function line(fleet: Fleet, s = fleet.summary()): string {
  const sessions = `sessions ok ${s.sessionsOk}, failed ${s.sessionsFailed}, commands executed ${s.commandsExecuted}`;
  if (fleet.push === undefined) return sessions;
  const n = fleet.notificationStats();
  return `${sessions}; push ${fleet.push.url('')}<DevID>: P0 accepted ${n.accepted}, duplicate ${n.duplicates}, rejected ${n.rejected}`;
}

async function login(args: CliArgs): Promise<string> {
  const response = await fetch(new URL(apiRoutes.login, args.server), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: args.user, password: args.password, bearer: true }),
  });
  if (!response.ok) throw new Error(`login failed: HTTP ${response.status}`);
  const body = bearerLoginResponseSchema.safeParse(await response.json());
  if (!body.success) throw new Error('login answered without a token');
  return body.data.token;
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) {
    console.error(`${parsed.error}\n${USAGE}`);
    return 2;
  }
  const args = parsed.value;
  const token = args.register ? await login(args) : undefined;
  const pushPort = args['push-port'] ?? (args.push ? 0 : undefined);
  const fleet = createFleet({
    devices: args.devices,
    serverUrl: new URL('/dm', args.server).toString(),
    prefix: args.prefix,
    seed: args.seed,
    concurrency: args.concurrency,
    auth: args.auth,
    ...(args.interval === undefined ? {} : { intervalS: args.interval }),
    ...(token === undefined ? {} : { register: { apiUrl: args.server, token } }),
    ...(args.verbose ? { log: (l: string) => console.log(l) } : {}),
    ...(pushPort === undefined ? {} : { push: { port: pushPort } }),
  });
  if (args.interval === undefined) {
    const round = await fleet.runOnce();
    await fleet.stop();
    console.log(line(fleet, round));
    console.log('one session per device done; add --interval S to keep the devices contacting the server');
    return round.sessionsFailed > 0 ? 1 : 0;
  }
  await fleet.start();
  console.log(
    `${args.devices} devices contacting ${args.server} every ~${args.interval}s; running until Ctrl-C`,
  );
  if (fleet.push !== undefined) console.log(`listening for P0 at ${fleet.push.url('')}<DevID>`);
  const report = setInterval(() => console.log(line(fleet)), 10_000);
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  clearInterval(report);
  await fleet.stop();
  console.log(line(fleet));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
