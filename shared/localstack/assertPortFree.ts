import { createServer } from 'node:net';
import { InputError } from '../errors/BallastError.js';
import { LOOPBACK } from './freePort.js';

/** Fails with an InputError naming the flag when `port` cannot be bound on 127.0.0.1. */
export async function assertPortFree(flag: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new InputError(
          `${flag}: port ${port} on ${LOOPBACK} is ${error.code === 'EADDRINUSE' ? 'already in use' : `not available (${error.code ?? error.message})`}`,
          { fix: `choose another port, or omit ${flag} to let the OS pick a free one` },
        ),
      );
    });
    server.listen(port, LOOPBACK, () => server.close(() => resolve()));
  });
}
