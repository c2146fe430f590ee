// An eslint-module-utils resolver (interface v2) for this repository's ESM TypeScript: a relative
// `./x.js` import names `./x.ts` (NodeNext style). Everything else goes to the node resolver.
// eslint-plugin-boundaries resolves every import through it to find the imported package.
const { existsSync } = require('node:fs');
const { dirname, resolve } = require('node:path');
const nodeResolver = require('eslint-import-resolver-node');

exports.interfaceVersion = 2;

exports.resolve = (source, file, config) => {
  if (source.startsWith('.') && source.endsWith('.js')) {
    const ts = resolve(dirname(file), `${source.slice(0, -3)}.ts`);
    if (existsSync(ts)) return { found: true, path: ts };
  }
  return nodeResolver.resolve(source, file, config ?? {});
};
