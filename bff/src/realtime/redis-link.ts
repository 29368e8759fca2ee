// Live events across instances: socket.io's Redis adapter over a publish and a subscribe client
// (stack.md gotcha 16). Redis carries only these pub/sub channels, named under a configurable
// prefix; work and state stay in the database.
import { createAdapter } from '@socket.io/redis-adapter';
import type { Logger } from 'pino';
import { createClient } from 'redis';
import type { ConsoleServer } from './console-socket';

type RedisClient = ReturnType<typeof createClient>;

export interface RedisLink {
  /** The socket.io adapter key (channels are `<key>#/#…`). */
  readonly channelKey: string;
  /** Both clients are connected. */
  isReady(): boolean;
  /** A round trip to Redis; rejects when it is unreachable. */
  ping(timeoutMs?: number): Promise<void>;
  /** Routes the server's broadcasts through Redis, so consoles on every instance get them. */
  attach(io: ConsoleServer): void;
  close(): Promise<void>;
}

const MAX_BACKOFF_MS = 2_000;

/**
 * Connects in the background (retrying with backoff); broadcasts made while Redis is away reach
 * this instance's consoles only and are not replayed later (consoles refetch on reconnect).
 */
export function connectRedis(options: { url: string; prefix: string; log: Logger }): RedisLink {
  const { log } = options;
  const socket = {
    connectTimeout: 3_000,
    reconnectStrategy: (retries: number) => Math.min(100 * 2 ** Math.min(retries, 5), MAX_BACKOFF_MS),
  };
  // The publisher drops what it cannot send now (no offline queue); the subscriber keeps its
  // queue so its SUBSCRIBE goes out once connected.
  const pub: RedisClient = createClient({ url: options.url, socket, disableOfflineQueue: true });
  const sub: RedisClient = pub.duplicate({ disableOfflineQueue: false });
  for (const [name, client] of [
    ['publisher', pub],
    ['subscriber', sub],
  ] as const) {
    let isDown = false;
    // Without an error listener node-redis would crash the process; log each outage once.
    client.on('error', (err: unknown) => {
      if (isDown) return;
      isDown = true;
      log.warn({ err, client: name }, 'redis unreachable; live events stay on this instance');
    });
    client.on('ready', () => {
      if (isDown) log.info({ client: name }, 'redis reachable again');
      isDown = false;
    });
    client.connect().catch(() => undefined);
  }
  // The adapter does not await its PUBLISHes: a refused one must not become an unhandled rejection.
  const safePub = new Proxy(pub, {
    get(target, property, receiver) {
      if (property === 'publish') {
        return (channel: string, message: string | Buffer) => target.publish(channel, message).catch(() => 0);
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const channelKey = `${options.prefix}:socket.io`;

  return {
    channelKey,
    isReady: () => pub.isReady && sub.isReady,
    async ping(timeoutMs = 1_000) {
      if (!pub.isReady) throw new Error('redis is not connected');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('redis ping timed out')), timeoutMs);
      });
      try {
        await Promise.race([pub.ping(), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    attach(io) {
      io.adapter(createAdapter(safePub, sub, { key: channelKey }));
    },
    async close() {
      for (const client of [sub, pub]) {
        if (!client.isOpen) continue;
        // close() (QUIT) waits for the server; when Redis is away, drop the socket instead.
        await (client.isReady ? client.close().catch(() => client.destroy()) : client.destroy());
      }
    },
  };
}
