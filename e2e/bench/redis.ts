// The local Redis the benchmarks' multi-instance runs share (DMC_BENCH_REDIS_URL); each run takes a
// channel prefix of its own, and Redis holds nothing else of dmc's (realtime/redis-link.ts).
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';

export const BENCH_REDIS_URL = process.env.DMC_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A DMC_REDIS_PREFIX no other run uses. */
export function benchRedisPrefix(): string {
  return `dmc-bench-${randomBytes(4).toString('hex')}`;
}

/** True when Redis answers PING within 2 s. */
export function redisAvailable(url = BENCH_REDIS_URL): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port || 6379), hostname);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}
