#!/usr/bin/env node
// Entry point for `npx ballast` (no build step to run by hand). The CLI's TypeScript sources run
// from a bundle that esbuild writes on first use into .ballast/cli-bundle/ and writes again whenever
// a source it was built from changed (size or modification time): Node then loads plain JavaScript,
// without tsx's loader thread, which saves about 0.3 s of CPU per command (docs/architecture.md,
// "Design decisions"). Packages stay external (loaded from node_modules as usual; zod is bundled in, see
// BUNDLED_PACKAGES), every command keeps its
// own lazily loaded chunk, and `import.meta.url` still names each source file, so paths relative to
// a source resolve as before. BALLAST_TSX=1, or a bundle that cannot be built, runs the sources
// through tsx's loader in this same process instead.
//
// On Node >= 22.1 the bytecode V8 compiles for each module is also kept on disk, in
// .ballast/compile-cache/ (module.enableCompileCache), so a later command skips parsing and compiling
// the modules it loads again. Node keys each entry by the module's content, so a rebuilt bundle
// never reads a stale entry; the directory is cleared whenever a bundle is rebuilt.
import module from 'node:module';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const entry = join(root, 'shared', 'cli', 'main.ts');
const cacheDir = join(root, '.ballast', 'cli-bundle');
const compileCacheDir = join(root, '.ballast', 'compile-cache');
const manifestFile = join(cacheDir, 'manifest.json');
/** Bump when the way the bundle is built changes, so older bundles are rebuilt. */
const BUNDLE_FORMAT = 2;

/**
 * Packages load from node_modules as usual, except these, bundled in: pure ESM made of many small
 * modules that most commands load (zod: about 60 files, 15-20 ms of module loading per command).
 * The sources import zod as `import * as z` (a lint rule in eslint.config.js), so esbuild keeps
 * only the parts in use (docs/architecture.md, design decisions).
 */
const BUNDLED_PACKAGES = new Set(['zod']);
const externalPackagesPlugin = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const parts = args.path.split('/');
      const name = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      return BUNDLED_PACKAGES.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

/** `import.meta.url` in a source becomes that source's own file URL, as under tsx. */
const sourceUrlPlugin = {
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll(
        'import.meta.url',
        JSON.stringify(pathToFileURL(args.path).href),
      ),
      loader: 'ts',
    }));
  },
};

if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true); // stack traces name .ts lines
const bundle = process.env.BALLAST_TSX === '1' ? undefined : (freshBundle() ?? (await buildBundle()));
// Not under tsx: its loader hands Node transformed sources, which the cache would only add to.
if (bundle !== undefined) module.enableCompileCache?.(compileCacheDir);
if (bundle === undefined) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(entry).href);
} else {
  await import(pathToFileURL(bundle).href);
}

/** The bundle's entry file when every source it was built from is unchanged, else undefined. */
function freshBundle() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    return undefined;
  }
  if (manifest.format !== BUNDLE_FORMAT || manifest.node !== process.version) return undefined;
  for (const [file, size, mtimeMs] of manifest.inputs) {
    try {
      const s = statSync(join(root, file));
      if (s.size !== size || s.mtimeMs !== mtimeMs) return undefined;
    } catch {
      return undefined;
    }
  }
  return join(cacheDir, manifest.dir, 'main.js');
}

/** Builds the bundle into a new directory and points the manifest at it; undefined when it cannot. */
async function buildBundle() {
  try {
    const esbuild = await import('esbuild');
    const started = Date.now();
    const dir = `${started.toString(36)}-${process.pid}`;
    mkdirSync(cacheDir, { recursive: true });
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: [entry],
      outdir: join(cacheDir, dir),
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: `node${process.versions.node}`,
      keepNames: true, // class and function names as in the sources (errors are told apart by name)
      sourcemap: 'linked',
      sourcesContent: false,
      metafile: true,
      logLevel: 'silent',
      plugins: [externalPackagesPlugin, sourceUrlPlugin],
    });
    const inputs = Object.keys(result.metafile.inputs).map((input) => {
      const file = relative(root, join(root, input));
      const s = statSync(join(root, file));
      // A source edited while esbuild read it is recorded as changed, so the next run rebuilds.
      return [file, s.size, s.mtimeMs >= started ? -1 : s.mtimeMs];
    });
    const next = `${manifestFile}.${process.pid}`;
    writeFileSync(next, JSON.stringify({ format: BUNDLE_FORMAT, node: process.version, dir, inputs }));
    renameSync(next, manifestFile);
    removeOldBundles(dir);
    rmSync(compileCacheDir, { recursive: true, force: true }); // entries of older bundles
    return join(cacheDir, dir, 'main.js');
  } catch {
    return undefined;
  }
}

/** Bundles other than `keep` older than an hour (a command still running may load its chunks lazily). */
function removeOldBundles(keep) {
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name);
    try {
      if (name !== keep && name !== 'manifest.json' && statSync(path).isDirectory()) {
        if (Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
      }
    } catch {
      // another process removed it first
    }
  }
}
