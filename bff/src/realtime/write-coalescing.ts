// One system call per console socket per turn of the event loop, however many events it gets.
// socket.io encodes a room broadcast once, but engine.io then sends each packet to each socket as
// its own WebSocket frame, and every frame left in its own writev: 20 consoles and a P1 of 20
// alerts made 400 system calls, a quarter of the server's CPU at full alert speed (BENCHMARKS.md,
// benchmark 3). A socket here is corked at its first write of a turn and uncorked when the turn's
// synchronous work and microtasks are done (process.nextTick), so the frames written meanwhile leave
// in one writev. Nothing is reordered or held past the current turn.
import type { Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';

const coalescing = new WeakSet<Duplex>();

/** Makes the writes to `socket` within one turn leave together, at the end of the turn. */
export function coalesceWrites(socket: Duplex): void {
  if (coalescing.has(socket)) return;
  coalescing.add(socket);
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  let corked = false;
  const release = () => {
    corked = false;
    socket.uncork();
  };
  const coalesced = (...args: unknown[]): boolean => {
    if (!corked && !socket.destroyed && !socket.writableEnded) {
      corked = true;
      socket.cork();
      process.nextTick(release);
    }
    return write(...args);
  };
  socket.write = coalesced as Duplex['write'];
}

/**
 * Coalesces the writes of every connection this server upgrades (the console's WebSockets). Call
 * before socket.io attaches, so the socket is wrapped before anything is written to it.
 */
export function coalesceUpgradedWrites(httpServer: HttpServer): void {
  httpServer.on('upgrade', (_req, socket: Duplex) => coalesceWrites(socket));
}
