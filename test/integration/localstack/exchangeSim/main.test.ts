import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const children = new Set<ChildProcess>();

/** `node --import tsx main.ts …`: one process (no tsx wrapper), so a kill reaches the server itself. */
function startMain(args: string[]): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'shared/localstack/exchangeSim/main.ts', ...args],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split('\n')[0]!;
}

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

describe('exchange simulator standalone (main.ts)', () => {
  it('prints its base URL, serves, and stops on SIGTERM', async () => {
    const child = startMain(['--port', '0', '--seed', '4']);
    const { baseUrl } = JSON.parse(await firstLine(child.stdout!)) as { baseUrl: string };
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${baseUrl}/health`)).json()).toMatchObject({ ok: true });
    const body = (await (await fetch(`${baseUrl}/kraken/0/public/Ticker?pair=XBTUSD`)).json()) as {
      error: string[];
    };
    expect(body.error).toEqual([]);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
  });

  it('exits when its parent closes stdin (--exit-on-stdin-close)', async () => {
    const child = startMain(['--exit-on-stdin-close']);
    await firstLine(child.stdout!);
    const exited = once(child, 'exit');
    child.stdin!.end();
    expect((await exited)[0]).toBe(0);
  });

  it('a busy port: one clear line and exit 2', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const child = startMain(['--port', String(port)]);
      let stderr = '';
      child.stderr!.on('data', (c) => (stderr += String(c)));
      const [code] = await once(child, 'exit');
      expect(code).toBe(2);
      expect(stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });
});
