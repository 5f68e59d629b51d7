import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { heapGrowthPercentOf, tuneHeap } from './heap';

/**
 * `node dist/src/index.js`, the compiled bot: `npm run build` bundles `src/index.ts` into
 * `dist/src/index.bundle.js` and makes this file `dist/src/index.js`. It runs the bundle as the
 * main module with a V8 code cache beside it (what Node 22's `module.enableCompileCache` does,
 * which Node 20 lacks): parsing and compiling the 13 MB bundle is a third of the CPU of a cold
 * start, and a start with the cache skips most of it.
 *
 * The cache sits next to the bundle, so it is trusted as the bundle is (not in a shared temporary
 * directory); it starts with the SHA-256 of the bundle and of the Node version, and any other
 * cache is ignored (V8 itself only checks the source length) and replaced. The first start
 * without a usable cache writes one once it has been up for `WRITE_AFTER_MS` (by then the
 * functions of a start and of a first turn are compiled, and go into the cache), or when it
 * exits, if sooner; a read-only disk only costs each start its compiling.
 */

export const WRITE_AFTER_MS = 5000;

export type CacheOutcome = 'used' | 'written' | 'rejected' | 'none';

export interface BundleRun {
  /** What happened to the cache at start: used, or none / rejected (then one is written later). */
  cache: 'used' | 'rejected' | 'none';
  /** Writes the cache now (when none was used); normally done by a timer. */
  writeCache(): CacheOutcome;
}

const HEADER_BYTES = 64;

/** Runs `bundleFile` as the main module (its `require.main === module` holds). */
export function runBundle(
  bundleFile: string,
  mainModule: NodeJS.Module,
  writeAfterMs = WRITE_AFTER_MS,
): BundleRun {
  const source = readFileSync(bundleFile, 'utf8');
  const key = createHash('sha256').update(process.version).update('\0').update(source).digest('hex');
  const cacheFile = `${bundleFile.replace(/\.js$/, '')}.cache`;
  let cachedData: Buffer | undefined;
  try {
    const saved = readFileSync(cacheFile);
    if (saved.subarray(0, HEADER_BYTES).toString('latin1') === key) cachedData = saved.subarray(HEADER_BYTES);
  } catch {
    // No cache yet.
  }
  // The module wrapper on a line of its own, so positions in the bundle (and its source map) stay right.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {\n${source}\n})`, {
    filename: bundleFile,
    lineOffset: -1,
    cachedData,
  });
  const cache = !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  let written = false;
  const writeCache = (): CacheOutcome => {
    if (cache === 'used') return 'used';
    if (written) return 'written';
    try {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, Buffer.concat([Buffer.from(key, 'latin1'), script.createCachedData()]));
      renameSync(tmp, cacheFile);
      written = true;
      return 'written';
    } catch {
      return 'none';
    }
  };
  if (cache !== 'used' && writeAfterMs >= 0) {
    setTimeout(writeCache, writeAfterMs).unref();
    // A process stopped sooner (a short run, a stop right after start) still leaves one.
    process.once('exit', () => writeCache());
  }
  const run = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: NodeJS.Module,
    filename: string,
    dirname: string,
  ) => void;
  // The bundle is the main module: this module's object stands for it (`require.main === module`).
  run.call(
    mainModule.exports,
    mainModule.exports,
    createRequire(bundleFile),
    mainModule,
    bundleFile,
    dirname(bundleFile),
  );
  return { cache, writeCache };
}

/**
 * The compiled bot's start: the heap's growth is set first (src/heap.ts), because V8 stamps the
 * code cache with its flags and the bundle sets it again as it starts; then the bundle runs.
 */
export function launch(bundleFile: string, mainModule: NodeJS.Module, writeAfterMs?: number): BundleRun {
  tuneHeap(heapGrowthPercentOf(process.env));
  return runBundle(bundleFile, mainModule, writeAfterMs);
}

if (require.main === module) launch(join(__dirname, 'index.bundle.js'), module);
