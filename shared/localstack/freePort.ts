import { createServer } from 'node:net';

/** Loopback address every local server binds to. Nothing in the local stack listens elsewhere. */
export const LOOPBACK = '127.0.0.1';

/** Asks the OS for a free TCP port on 127.0.0.1 (bind to port 0, read it, release it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not read the port of a probe socket'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}
