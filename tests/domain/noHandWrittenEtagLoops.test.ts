import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Guard: every optimistic (ETag) write goes through the one helper, src/domain/mutate.ts
 * (`mutate`, `mutateExisting`, `retrying`), so there is one retry policy and running out of
 * attempts always throws MutationAbandonedError. This fails when a hand-written read-modify-write
 * loop appears in src/ or dialogs/: a retry loop, a `.replace(…, etag)` call or a
 * `catch … instanceof ConcurrencyError` outside the places listed (and counted) below.
 */

const ROOT = join(__dirname, '..', '..');
const SCANNED = ['src', 'dialogs'];
/** The helper and the store (which turns HTTP 412 into ConcurrencyError) are the ETag layer itself. */
const LAYER = (file: string) => file === 'src/domain/mutate.ts' || file.startsWith('src/store/');

/**
 * Direct `.replace(…, etag)` writes that stay, each inside a `retrying` attempt (it writes more
 * than one document, or its rule needs a list read) or a deliberate one-shot claim whose loser
 * must NOT retry (another instance or admin holds it). Counts are exact: a new one fails here.
 */
const DIRECT_REPLACES: Record<string, number> = {
  // assign: a freed seat taken over by ETag; approve: claim, give the claim back, decision.
  'src/domain/seats.ts': 4,
  // revokeGlobalAdmin: touch every other Global admin, then the target (see the class comment).
  'src/domain/roleAdmin.ts': 2,
  // One-shot claims of a notice (scan, resend) and of a subscription (turning it off).
  'src/notify/scanner.ts': 3,
  // The scheduler lease: take or renew it; losing means another instance runs the scan.
  'src/notify/lease.ts': 2,
};

/** `instanceof ConcurrencyError` outside the layer: the one-shot claims above, and the error-to-words map. */
const CONCURRENCY_CATCHES: Record<string, number> = {
  'src/notify/scanner.ts': 3,
  'src/notify/lease.ts': 2,
  'src/features/shared/errors.ts': 2,
};

/**
 * Retry loops that are not ETag loops: the one HTTP retry policy of connector calls (proactive
 * sends and turn replies alike).
 */
const OTHER_RETRY_LOOPS = new Set(['src/notify/retryPolicy.ts']);

function sources(dir: string): string[] {
  const abs = join(ROOT, dir);
  let names: string[];
  try {
    names = readdirSync(abs);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(abs, name);
    if (statSync(path).isDirectory()) return sources(relative(ROOT, path));
    return /\.tsx?$/.test(name) ? [relative(ROOT, path).split('\\').join('/')] : [];
  });
}

/** The argument text of every `.replace(` call (balanced parentheses), string replaces included. */
function replaceCalls(text: string): string[] {
  const calls: string[] = [];
  for (let at = text.indexOf('.replace('); at >= 0; at = text.indexOf('.replace(', at + 1)) {
    let depth = 0;
    let end = at + '.replace'.length;
    for (; end < text.length; end += 1) {
      if (text[end] === '(') depth += 1;
      else if (text[end] === ')' && --depth === 0) break;
    }
    calls.push(text.slice(at + '.replace('.length, end));
  }
  return calls;
}

const RETRY_LOOP = /\b(for|while)\s*\([^)]*\b(attempt|attempts|tries|retry|retries)\b/i;
const FOREVER = /\bwhile\s*\(\s*true\s*\)|\bfor\s*\(\s*;\s*;\s*\)/;

export function handWrittenEtagLoops(files: { file: string; text: string }[]): string[] {
  const problems: string[] = [];
  for (const { file, text } of files) {
    if (LAYER(file)) continue;
    const etagWrites = replaceCalls(text).filter((args) => /\betag\b/i.test(args)).length;
    if (etagWrites !== (DIRECT_REPLACES[file] ?? 0))
      problems.push(
        `${file}: ${etagWrites} .replace(…, etag) call(s), ${DIRECT_REPLACES[file] ?? 0} allowed`,
      );
    const catches = (text.match(/instanceof\s+ConcurrencyError/g) ?? []).length;
    if (catches !== (CONCURRENCY_CATCHES[file] ?? 0))
      problems.push(
        `${file}: ${catches} instanceof ConcurrencyError, ${CONCURRENCY_CATCHES[file] ?? 0} allowed`,
      );
    if (!OTHER_RETRY_LOOPS.has(file) && RETRY_LOOP.test(text))
      problems.push(`${file}: a retry loop (${RETRY_LOOP.exec(text)?.[0]})`);
    if (!OTHER_RETRY_LOOPS.has(file) && FOREVER.test(text) && /ConcurrencyError|etag/.test(text))
      problems.push(`${file}: an endless loop next to an ETag write`);
  }
  return problems;
}

describe('one read-modify-write helper', () => {
  const files = SCANNED.flatMap(sources).map((file) => ({
    file,
    text: readFileSync(join(ROOT, file), 'utf8'),
  }));

  it('finds no hand-written ETag loop in src/ or dialogs/ (use mutate / mutateExisting / retrying)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(handWrittenEtagLoops(files)).toEqual([]);
  });

  it('catches a planted hand-written loop, in any of its usual shapes', () => {
    const planted = `
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const current = await repo.get(tenantId, id);
        try {
          return await repo.replace({ ...current.doc, n: 1 }, current.etag);
        } catch (err) {
          if (!(err instanceof ConcurrencyError)) throw err;
        }
      }`;
    expect(handWrittenEtagLoops([{ file: 'src/domain/planted.ts', text: planted }])).toEqual([
      'src/domain/planted.ts: 1 .replace(…, etag) call(s), 0 allowed',
      'src/domain/planted.ts: 1 instanceof ConcurrencyError, 0 allowed',
      'src/domain/planted.ts: a retry loop (for (let attempt = 0; attempt < 3; attempt)',
    ]);
    // A silent one-shot write (no loop, no catch) is caught by its ETag argument alone.
    expect(
      handWrittenEtagLoops([{ file: 'dialogs/x.ts', text: 'await r.replace(next, row.etag);' }]),
    ).toHaveLength(1);
    // A string's .replace is not a write.
    expect(handWrittenEtagLoops([{ file: 'src/x.ts', text: "s.replace(/\\s+/g, '')" }])).toEqual([]);
  });
});
