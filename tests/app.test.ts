import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { message } from './support/activities';
import { FakeConnector } from './support/fakeConnector';
import { CONTOSO, type Person } from './support/people';

/** The real entry point (`src/index.ts`) as a process: start, serve, stop on a signal, start again. */
function startProcess(
  dataDir: string,
): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    env: { ...process.env, PORT: '0', LOCAL_COSMOS_PORT: '0', LOCAL_DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    // Generous: a loaded CI machine compiles the TypeScript on the fly (tsx) first.
    const timer = setTimeout(() => reject(new Error(`bot did not start:\n${out}`)), 90_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)\/api\/messages"/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], exited });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  });
}

describe('process lifecycle', () => {
  const connector = new FakeConnector();
  beforeAll(() => connector.start());
  afterAll(() => connector.stop());

  it('on SIGTERM finishes the turn in flight, flushes the store, exits 0, and the next start has the data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pblife-'));
    const first = await startProcess(dataDir);
    const newcomer: Person = {
      name: 'Kim Lasting',
      aadObjectId: 'e0000000-0000-4000-8000-0000000000bb',
      tenantId: CONTOSO,
    };
    // The connector answers slowly, so the turn is still in flight when the signal arrives.
    connector.delayMs = 1500;
    const slow = fetch(`${first.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message(newcomer, 'my roles', { serviceUrl: connector.url })),
    });
    await new Promise((r) => setTimeout(r, 500));
    first.child.kill('SIGTERM');
    const res = await slow;
    expect(res.status).toBe(200);
    expect(await first.exited).toBe(0);
    expect(connector.sentActivities().length).toBeGreaterThan(0);
    expect(readFileSync(join(dataDir, 'cosmos-snapshot.json'), 'utf8')).toContain('Kim Lasting');

    connector.delayMs = 0;
    const second = await startProcess(dataDir);
    try {
      connector.clear();
      const again = await fetch(`${second.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message(newcomer, 'my roles', { serviceUrl: connector.url })),
      });
      expect(again.status).toBe(200);
      expect(readFileSync(join(dataDir, 'cosmos-snapshot.json'), 'utf8').match(/Kim Lasting/g)).toHaveLength(
        1,
      );
    } finally {
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
    }
  }, 240_000);
});
