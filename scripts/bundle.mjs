// `npm run build`, after tsc: the compiled bot as one file (README.md, "Other commands").
//   dist/src/index.bundle.js  src/index.ts and everything it loads, whitespace-minified (names kept)
//   dist/src/index.js         src/launch.ts: runs the bundle with a V8 code cache beside it
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';

const BUNDLE = 'dist/src/index.bundle.js';

await build({
  entryPoints: ['src/index.ts'],
  outfile: BUNDLE,
  bundle: true,
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  sourcemap: true,
  sourcesContent: false,
  // Local mode only (and it reads its TLS certificate from its own folder); restify's optional
  // native module is loaded with a computed path.
  external: ['@vercel/cosmosdb-server', 'dtrace-provider'],
  logLevel: 'warning',
});

// esbuild escapes non-ASCII characters in strings and templates but leaves them in regular
// expression literals (the recogniser's Chinese patterns, full-width digits in a dependency) and
// licence comments: one of them makes V8 keep the whole 13 MB source as a two-byte string, 13 MB
// more heap for the life of the process. As \uXXXX escapes they mean the same in a regular
// expression, with or without the u flag (a surrogate pair of escapes is one code point).
const source = readFileSync(BUNDLE, 'utf8');
const ascii = source.replace(
  /[\u0080-\uffff]/g,
  (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
);
if (ascii !== source) writeFileSync(BUNDLE, ascii);

await build({
  entryPoints: ['src/launch.ts'],
  outfile: 'dist/src/index.js',
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
});
