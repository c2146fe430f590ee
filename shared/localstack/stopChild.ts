import type { ChildProcess } from 'node:child_process';

/**
 * Stops a child process and waits for it to exit: SIGTERM, then SIGKILL after `graceMs`.
 * Resolves at once if it has already exited.
 */
export async function stopChild(child: ChildProcess, graceMs = 3_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
