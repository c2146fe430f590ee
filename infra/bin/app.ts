/**
 * CDK entry point (`npm run synth`, or `cdk synth|deploy` through cdk.json). Synthesizes every
 * stage in infra/config, or only `-c stage=prod` (comma-separated for several). Offline: no
 * lookups, no Docker (esbuild bundles locally). A bad stage config exits 2 with the reason.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BallastError } from '../../shared/errors/BallastError.js';
import { createApp } from '../createApp.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

try {
  const { app } = createApp({
    repoRoot,
    // `cdk` sets CDK_OUTDIR; `npm run synth` writes where `cdk` would.
    appProps: { outdir: process.env.CDK_OUTDIR ?? join(repoRoot, 'cdk.out') },
  });
  app.synth();
} catch (error) {
  if (error instanceof BallastError) {
    console.error(`synth: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
