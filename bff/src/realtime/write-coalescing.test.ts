// Write coalescing on real TCP sockets: the writes of one turn are held until the turn ends, then
// leave together; nothing is lost or reordered, and ending or destroying the socket meanwhile is safe.
import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { coalesceWrites } from './write-coalescing';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('coalesceWrites', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  /** A client socket with coalescing, and everything the server side receives until it closes. */
  async function pair(): Promise<{ client: Socket; received: Promise<string> }> {
    let resolveReceived: (text: string) => void = () => undefined;
    const received = new Promise<string>((resolve) => (resolveReceived = resolve));
    server = createServer((peer) => {
      let text = '';
      peer.setEncoding('utf8');
      peer.on('data', (chunk: string) => (text += chunk));
      peer.on('end', () => resolveReceived(text));
      peer.on('close', () => resolveReceived(text));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
    await once(client, 'connect');
    coalesceWrites(client);
    return { client, received };
  }

  it('holds the writes of one turn and sends them, in order, when the turn ends', async () => {
    const { client, received } = await pair();
    client.write('a');
    client.write(Buffer.from('b'));
    client.write('c');
    expect(client.writableCorked).toBe(1);
    expect(client.writableLength).toBe(3);
    await nextTurn();
    expect(client.writableCorked).toBe(0);
    client.write('d');
    client.write('e');
    expect(client.writableCorked).toBe(1);
    await nextTurn();
    client.end('f');
    expect(await received).toBe('abcdef');
  });

  it('delivers what was held when the socket is ended in the same turn', async () => {
    const { client, received } = await pair();
    for (let i = 0; i < 100; i += 1) client.write(`${i},`);
    client.end();
    expect(await received).toBe(Array.from({ length: 100 }, (_, i) => `${i},`).join(''));
  });

  it('wraps a socket once, and a destroyed socket is left alone', async () => {
    const { client, received } = await pair();
    coalesceWrites(client);
    client.write('x');
    expect(client.writableCorked).toBe(1);
    client.destroy();
    await nextTurn();
    expect(client.destroyed).toBe(true);
    expect(await received).toBe('');
  });
});
