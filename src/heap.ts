import { setFlagsFromString } from 'node:v8';

/**
 * The bot's live set is small (60–75 MB, most of it code) but each turn leaves a few hundred
 * KB of garbage, and 20 turns in flight keep enough of it alive to reach the old generation. By
 * its own rule V8 then lets the heap grow to two or three times the live set before the next
 * full collection: over 320 MB under the bench's load, more than an echo bot on the same stack.
 * Growing by half of what the last full collection kept holds the peak near the echo bot's for a
 * few more full collections; 20 % saves a little more memory for a fifth more CPU per turn
 * (`npm run bench`: peak RSS and CPU per turn; HEAP_GROWTH_PERCENT).
 *
 * V8 reads this flag each time it sets the next collection's limit, so it works when set while
 * running. A flag given on the command line or in NODE_OPTIONS wins. V8 also stamps a code cache
 * with its flags: the compiled entry sets this before it compiles the bundle (src/launch.ts), or
 * the cache it writes would not match the next start's flags.
 */
export const DEFAULT_HEAP_GROWTH_PERCENT = 50;
export const MAX_HEAP_GROWTH_PERCENT = 300;

/**
 * HEAP_GROWTH_PERCENT as the configuration reads it (src/config.ts refuses a bad value; until
 * then, here, it counts as the default).
 */
export function heapGrowthPercentOf(env: NodeJS.ProcessEnv): number {
  const raw = env.HEAP_GROWTH_PERCENT?.trim();
  if (!raw) return DEFAULT_HEAP_GROWTH_PERCENT;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= MAX_HEAP_GROWTH_PERCENT ? n : DEFAULT_HEAP_GROWTH_PERCENT;
}

/** The V8 flag for `percent`, unless it is 0 (V8's own rule) or node was given one already. */
export function heapGrowthFlag(percent: number, given: readonly string[]): string | undefined {
  if (percent <= 0) return undefined;
  if (given.some((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg))) return undefined;
  return `--heap-growing-percent=${percent}`;
}

/** Applies `heapGrowthFlag` to this process; returns the flag set, if any. */
export function tuneHeap(percent: number): string | undefined {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  const flag = heapGrowthFlag(percent, given);
  if (flag) setFlagsFromString(flag);
  return flag;
}
