import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import type { Member } from '../../src/domain/model';
import { openStore } from '../../src/store';

const quiet = pino({ level: 'silent' });
const TENANT = 'd0c0ffee-0000-4000-8000-0000000000a1';
const newcomer: Member = {
  type: 'member',
  id: 'member:c0000000-0000-4000-8000-0000000000a1',
  tenantId: TENANT,
  aadObjectId: 'c0000000-0000-4000-8000-0000000000a1',
  name: 'Sam Snapshot',
  roles: [],
  guest: false,
  createdAt: '2026-11-24T09:00:00.000Z',
  updatedAt: '2026-11-24T09:00:00.000Z',
};
const snapshotOf = (dir: string) => join(dir, 'cosmos-snapshot.json');

describe('how often the local store writes its snapshot (LOCAL_SNAPSHOT_SECONDS)', () => {
  it('is every 2 seconds unless configured, and 0 means only on a graceful stop', () => {
    expect(loadConfig({}).store.snapshotSeconds).toBe(2);
    expect(loadConfig({ LOCAL_SNAPSHOT_SECONDS: '0' }).store.snapshotSeconds).toBe(0);
    expect(() => loadConfig({ LOCAL_SNAPSHOT_SECONDS: '-1' })).toThrow(/LOCAL_SNAPSHOT_SECONDS/);
  });

  it('writes a change within the interval', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pbsnap-'));
    const store = await openStore(
      { database: 'snapEvery', localPort: 0, localDataDir: dir, snapshotIntervalMs: 200 },
      quiet,
    );
    try {
      await store.repos.members.create(newcomer);
      const deadline = Date.now() + 5000;
      while (!(
        existsSync(snapshotOf(dir)) && readFileSync(snapshotOf(dir), 'utf8').includes('Sam Snapshot')
      )) {
        if (Date.now() > deadline) throw new Error('no snapshot with the change within 5 s');
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await store.close();
    }
  });

  it('with snapshots off writes nothing while running, and everything on a graceful stop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pbsnap-'));
    const store = await openStore(
      { database: 'snapOff', localPort: 0, localDataDir: dir, snapshotIntervalMs: 0 },
      quiet,
    );
    await store.repos.members.create(newcomer);
    await new Promise((r) => setTimeout(r, 2500));
    expect(existsSync(snapshotOf(dir))).toBe(false);
    await store.close();
    expect(readFileSync(snapshotOf(dir), 'utf8')).toContain('Sam Snapshot');
  });
});
