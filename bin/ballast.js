#!/usr/bin/env node
// Entry point for `npx ballast`: loads the TypeScript CLI through tsx's loader in this same
// process (no build step, no second Node process).
import { register } from 'tsx/esm/api';

register();
await import('../shared/cli/main.ts');
