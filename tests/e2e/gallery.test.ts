import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * The card gallery's checks as a test: every card sample in both locales and all three Teams
 * themes, rendered at the narrow Teams width in Chromium (`npm run cards:render`, pictures into a
 * temp dir so docs/cards is untouched). Fails when any text or button runs past the card's
 * padding or is cut off in its own box, or the renderer reports anything but hints.
 */

const ROOT = resolve(__dirname, '..', '..');
const run = promisify(execFile);

describe('card gallery at the Teams width', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'cards-'));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('renders every card sample in every theme and locale with no text or button overflowing', async () => {
    const result = await run(process.execPath, ['--import', 'tsx', 'tests/e2e/gallery/render-cards.ts'], {
      cwd: ROOT,
      env: { ...process.env, CARDS_OUT_DIR: out },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((err: { stdout?: string; stderr?: string; message: string }) => err);
    const stdout = String(result.stdout ?? '');
    const problems = stdout.split('\n').filter((line) => line.includes('overflow:'));
    expect(problems).toEqual([]);
    expect(String(result.stderr ?? '')).not.toMatch(/drew messages from the renderer|Error/);
    expect(stdout).toMatch(/\d+ cards rendered/);
    // Light pictures of both locales were written (the checker really rendered the cards).
    expect((await readdir(join(out, 'en-US'))).length).toBeGreaterThan(50);
    expect((await readdir(join(out, 'zh-CN'))).length).toBeGreaterThan(50);
  }, 600_000);
});
