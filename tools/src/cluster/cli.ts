// npm run cluster -- --instances 3   (DMC_DATABASE_URL, DMC_REDIS_URL and DMC_SECRET_KEY must be set)
import { startCluster } from './cluster';

function instancesArg(argv: readonly string[]): number {
  const at = argv.findIndex((a) => a === '--instances' || a.startsWith('--instances='));
  const raw = at === -1 ? '2' : argv[at]?.includes('=') ? argv[at]?.split('=')[1] : argv[at + 1];
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 32) {
    console.error('usage: npm run cluster -- --instances N   (1 ≤ N ≤ 32)');
    process.exit(2);
  }
  return n;
}

const cluster = await startCluster({
  instances: instancesArg(process.argv.slice(2)),
  env: process.env,
}).catch((err: unknown) => {
  console.error(`cluster failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
let isStopping = false;
const stop = () => {
  if (isStopping) return;
  isStopping = true;
  void cluster.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
