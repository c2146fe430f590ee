// An eslint-module-utils resolver (interface v2) for this repository's ESM TypeScript: a relative
// `./x.js` import names `./x.ts` (NodeNext style); anything else resolves as Node resolves it.
// eslint-plugin-boundaries resolves every import through it to find the imported package.
const { existsSync } = require('node:fs');
const { dirname, resolve } = require('node:path');

exports.interfaceVersion = 2;

exports.resolve = (source, file) => {
  if (source.startsWith('.') && source.endsWith('.js')) {
    const ts = resolve(dirname(file), `${source.slice(0, -3)}.ts`);
    if (existsSync(ts)) return { found: true, path: ts };
  }
  try {
    return { found: true, path: require.resolve(source, { paths: [dirname(file)] }) };
  } catch {
    return { found: false };
  }
};
