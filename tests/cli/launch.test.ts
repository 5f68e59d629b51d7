import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The compiled bot's entry (`dist/src/index.js` is `src/launch.ts`): it runs the bundle as the
 * main module with a code cache beside it. Each start here is a process of its own, as in
 * production; the "bundle" is a small script that says what it sees.
 */

const LAUNCH = join(__dirname, '..', '..', 'src', 'launch');

function bundleSaying(dir: string, words: string): string {
  const file = join(dir, 'index.bundle.js');
  writeFileSync(
    file,
    `"use strict";\nconsole.log(JSON.stringify({ says: ${JSON.stringify(words)}, main: require.main === module, file: __filename, exportsAreModule: exports === module.exports }));\n`,
  );
  return file;
}

/** Starts the bundle once (through `entry`); the cache is written at once (not after the usual delay). */
function start(
  bundle: string,
  entry: 'runBundle' | 'launch' = 'runBundle',
  env: NodeJS.ProcessEnv = process.env,
): {
  says: string;
  main: boolean;
  file: string;
  cache: string;
  written: string;
} {
  const driver = join(bundle, '..', 'driver.ts');
  writeFileSync(
    driver,
    `import { ${entry} } from ${JSON.stringify(LAUNCH)};\nconst run = ${entry}(${JSON.stringify(bundle)}, module, -1);\nconsole.log(JSON.stringify({ cache: run.cache, written: run.writeCache() }));\n`,
  );
  const r = spawnSync(process.execPath, ['--import', 'tsx', driver], {
    encoding: 'utf8',
    timeout: 60_000,
    env,
  });
  if (r.status !== 0) throw new Error(`start failed: ${r.stderr}`);
  const [said, outcome] = r.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { ...said, ...outcome } as ReturnType<typeof start>;
}

describe('the compiled entry point', () => {
  it('runs the bundle as the main module, leaves a code cache, and the next start uses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'launch-'));
    const bundle = bundleSaying(dir, 'hello');
    const first = start(bundle);
    expect(first).toMatchObject({
      says: 'hello',
      main: true,
      file: bundle,
      cache: 'none',
      written: 'written',
    });
    const second = start(bundle);
    expect(second).toMatchObject({ says: 'hello', main: true, cache: 'used', written: 'used' });
  });

  it('never runs a changed bundle with the cache of the old one, even of the same length', () => {
    const dir = mkdtempSync(join(tmpdir(), 'launch-'));
    const bundle = bundleSaying(dir, 'hello');
    start(bundle);
    bundleSaying(dir, 'HELLO');
    const changed = start(bundle);
    expect(changed).toMatchObject({ says: 'HELLO', cache: 'none', written: 'written' });
    expect(start(bundle)).toMatchObject({ says: 'HELLO', cache: 'used' });
  });

  it('keeps using its cache when the bot sets the heap growth as it starts (V8 stamps the cache with its flags)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'launch-'));
    const bundle = join(dir, 'index.bundle.js');
    // What src/index.ts does first (src/heap.ts), then a word.
    writeFileSync(
      bundle,
      `"use strict";\nrequire('node:v8').setFlagsFromString('--heap-growing-percent=40');\nconsole.log(JSON.stringify({ says: 'tuned' }));\n`,
    );
    const env = { ...process.env, HEAP_GROWTH_PERCENT: '40' };
    expect(start(bundle, 'launch', env)).toMatchObject({ says: 'tuned', cache: 'none', written: 'written' });
    expect(start(bundle, 'launch', env)).toMatchObject({ says: 'tuned', cache: 'used' });
  });

  it('runs the bundle without the cache when the cache is damaged, and replaces it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'launch-'));
    const bundle = bundleSaying(dir, 'hello');
    start(bundle);
    const cacheFile = join(dir, 'index.bundle.cache');
    const cache = readFileSync(cacheFile);
    // The header (the bundle's hash) still matches; what V8 would load is garbage.
    cache.fill(7, 64 + 16);
    writeFileSync(cacheFile, cache);
    expect(start(bundle)).toMatchObject({ says: 'hello', main: true, cache: 'rejected', written: 'written' });
    expect(start(bundle)).toMatchObject({ says: 'hello', cache: 'used' });
  });
});
