import { createHttpsServer } from '@vercel/cosmosdb-server';
import type { Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export { EMULATOR_KEY } from './emulatorKey';

export interface LocalCosmosServer {
  endpoint: string;
  port: number;
  /** True when a write reached the server since the last `markClean()`. */
  readonly dirty: boolean;
  markClean(): void;
  markDirty(): void;
  /**
   * Fault drills: the store goes away as a crashed or unreachable store does: open connections
   * are reset and new ones refused (so requests fail at once instead of hanging). Data is kept.
   */
  pause(): Promise<void>;
  /** Serves again on the same port, with the same data. */
  resume(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the Cosmos-compatible server in this process, on loopback only. It keeps data in
 * memory; `snapshot.ts` makes it durable.
 */
export async function startLocalCosmos(port: number): Promise<LocalCosmosServer> {
  const server: Server = createHttpsServer({ keepAlive: true });
  let dirty = false;
  // A second listener beside the server's own: it only notes that something may have changed.
  server.on('request', (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && !req.headers['x-ms-documentdb-isquery'])
      dirty = true;
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const listen = (on: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(on, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(port);
  const actual = (server.address() as AddressInfo).port;
  // The server makes a new, empty account on every 'listening': after the first one, listening
  // again (resume) must keep the data.
  server.removeAllListeners('listening');
  return {
    endpoint: `https://127.0.0.1:${actual}`,
    port: actual,
    get dirty() {
      return dirty;
    },
    markClean() {
      dirty = false;
    },
    markDirty() {
      dirty = true;
    },
    async pause() {
      if (!server.listening) return;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.resetAndDestroy();
      await closed;
    },
    async resume() {
      if (!server.listening) await listen(actual);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
