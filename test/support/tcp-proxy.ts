/**
 * A TCP proxy between a package under test (the ledger, the outbox) and the shared
 * PostgreSQL, so a test can freeze or drop "the database" for its own connections only,
 * without touching the server.
 *
 * - `freeze()`: nothing is forwarded either way, closes included (a server that stopped, or
 *   a network that stopped forwarding); new connections are accepted and hang. `thaw()`
 *   delivers what was held.
 * - `cut()`: every open connection is reset at once (a failover, a restarted pooler).
 * - `down()` / `up()`: while down, each new connection is reset as soon as it opens.
 * - `fatalAfterReady()`: the next new connection gets a FATAL 57P01 in the same chunk as its
 *   first ReadyForQuery, then is closed (a backend terminated just as it became ready).
 */
import type { Socket } from 'node:net';
import { connect, createServer } from 'node:net';

export interface TcpProxy {
  /** The upstream URL with the proxy's host and port. */
  readonly url: string;
  freeze(): void;
  thaw(): void;
  cut(): void;
  down(): void;
  up(): void;
  fatalAfterReady(): void;
  /** Connections opened through the proxy so far. */
  readonly opened: number;
  close(): Promise<void>;
}

/** One direction of a connection: forwards, or holds while frozen. */
interface Pipe {
  flush(): void;
}

/** Starts a proxy on 127.0.0.1 in front of `upstreamUrl`'s host and port. */
export async function startTcpProxy(upstreamUrl: string): Promise<TcpProxy> {
  const upstream = new URL(upstreamUrl);
  const sockets = new Set<Socket>();
  const pipes = new Set<Pipe>();
  let frozen = false;
  let isDown = false;
  let opened = 0;
  let fatalNext = false;

  function pipe(from: Socket, to: Socket): Pipe {
    const held: (Buffer | 'end')[] = [];
    const deliver = (item: Buffer | 'end') => (item === 'end' ? to.destroy() : to.write(item));
    const forward = (item: Buffer | 'end') => (frozen || held.length > 0 ? held.push(item) : deliver(item));
    from.on('data', (chunk: Buffer) => forward(chunk));
    from.on('close', () => forward('end'));
    return {
      flush() {
        while (!frozen && held.length > 0) deliver(held.shift() as Buffer | 'end');
      },
    };
  }

  const server = createServer((client) => {
    opened++;
    sockets.add(client);
    client.on('error', () => {});
    client.on('close', () => sockets.delete(client));
    if (isDown) {
      client.resetAndDestroy();
      return;
    }
    const server = connect(Number(upstream.port || 5432), upstream.hostname);
    sockets.add(server);
    server.on('error', () => {});
    server.on('close', () => sockets.delete(server));
    if (fatalNext) {
      fatalNext = false;
      client.on('data', (chunk: Buffer) => server.write(chunk));
      server.on('data', (chunk: Buffer) => {
        const ready = chunk.indexOf(readyForQuery);
        if (ready < 0) return client.write(chunk);
        client.end(Buffer.concat([chunk.subarray(0, ready + readyForQuery.length + 1), adminShutdown]));
        server.destroy();
      });
      return;
    }
    const pair = [pipe(client, server), pipe(server, client)];
    for (const p of pair) pipes.add(p);
    client.on('close', () => {
      if (!frozen) for (const p of pair) pipes.delete(p);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const url = new URL(upstreamUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  return {
    url: url.toString(),
    get opened() {
      return opened;
    },
    freeze() {
      frozen = true;
    },
    thaw() {
      frozen = false;
      for (const p of pipes) p.flush();
    },
    cut() {
      for (const socket of sockets) socket.resetAndDestroy();
    },
    fatalAfterReady() {
      fatalNext = true;
    },
    down() {
      isDown = true;
    },
    up() {
      isDown = false;
    },
    async close() {
      frozen = false;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** ReadyForQuery without its status byte: 'Z', length 5. */
const readyForQuery = Buffer.from([0x5a, 0, 0, 0, 5]);

/** ErrorResponse FATAL 57P01, what pg_terminate_backend sends. */
const adminShutdown = (() => {
  const fields = Buffer.from(
    'SFATAL\0VFATAL\0C57P01\0Mterminating connection due to administrator command\0\0',
    'latin1',
  );
  const length = Buffer.alloc(4);
  length.writeInt32BE(fields.length + 4);
  return Buffer.concat([Buffer.from('E', 'latin1'), length, fields]);
})();
