import { createServer } from 'node:net';
import { PortInUseError } from './errors.js';
import { LOOPBACK } from './freePort.js';

/**
 * Fails with a PortInUseError when `port` cannot be bound on 127.0.0.1. `label` starts the
 * message: the flag that asked for the port (`--anvil-port`), or the part being started.
 */
export async function assertPortFree(label: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new PortInUseError(
          `${label}: port ${port} on ${LOOPBACK} is ${error.code === 'EADDRINUSE' ? 'already in use' : `not available (${error.code ?? error.message})`}`,
          {
            cause: error,
            fix: label.startsWith('--')
              ? `choose another port, or omit ${label} to let the OS pick a free one`
              : 'stop whatever listens there, pass another port, or pass none to pick a free one',
          },
        ),
      );
    });
    server.listen(port, LOOPBACK, () => server.close(() => resolve()));
  });
}
