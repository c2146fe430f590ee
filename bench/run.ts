/**
 * `npm run bench`: runs every benchmark in bench/ one after another, each in its own Node
 * process (so one's memory and JIT state never colour another's figures), and prints their
 * reports. `npm run bench -- market engine` runs only those. Figures are medians and ratios;
 * nothing here asserts a time. The machine's speed on three fixed workloads is printed before and
 * after (bench/support/measureMachineSpeed.ts): on a shared machine every figure moves with the
 * hour, and these numbers mark a slow phase.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureMachineSpeed } from './support/measureMachineSpeed.js';

const here = dirname(fileURLToPath(import.meta.url));
const all = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && file !== 'run.ts')
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !all.includes(name));
if (unknown.length > 0) {
  console.error(`bench: unknown benchmark ${unknown.join(', ')}; available: ${all.join(', ')}`);
  process.exit(2);
}
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const failed: string[] = [];
const printSpeed = (when: string): void => {
  const speed = measureMachineSpeed();
  console.log(
    `machine speed ${when}: JS loop ${speed.jsLoopMs.toFixed(1)} ms, SHA-256 of 32 MiB ${speed.sha256Ms.toFixed(1)} ms, 1 M random reads in 64 MiB ${speed.memoryMs.toFixed(1)} ms (medians of 5; lower is faster)`,
  );
};
printSpeed('before');
for (const name of wanted.length > 0 ? wanted : all) {
  console.log(`\n=== bench/${name}.ts  (npx tsx bench/${name}.ts)\n`);
  const result = spawnSync(process.execPath, [tsx, join(here, `${name}.ts`)], {
    stdio: 'inherit',
    // The SDK's Node 20 notice would interleave with the figures.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env },
  });
  if (result.status !== 0) failed.push(name);
}
console.log('');
printSpeed('after');
if (failed.length > 0) {
  console.error(`\nbench: failed: ${failed.join(', ')}`);
  process.exit(1);
}
