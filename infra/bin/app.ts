/**
 * CDK entry point (`npm run synth`, or `cdk synth|deploy` through cdk.json). Synthesizes every
 * stage in infra/config, or only `-c stage=prod` (comma-separated for several).
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { BallastError } from '../../shared/errors/BallastError.js';
import { createApp } from '../createApp.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The CLI passes `-c key=value` through CDK_CONTEXT_JSON; read it the way App does.
const stageContext: unknown = new App().node.tryGetContext('stage');

try {
  const { app } = createApp({
    repoRoot,
    // `cdk` sets CDK_OUTDIR; `npm run synth` writes where `cdk` would.
    appProps: { outdir: process.env.CDK_OUTDIR ?? join(repoRoot, 'cdk.out') },
    ...(typeof stageContext === 'string' && stageContext.length > 0
      ? { stages: stageContext.split(',').map((s) => s.trim()) }
      : {}),
  });
  app.synth();
} catch (error) {
  if (error instanceof BallastError) {
    console.error(`synth: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
