import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import type { Member } from '../../src/domain/model';
import { openStore } from '../../src/store';
import { CONTOSO } from '../support/people';
import { startStoreProcess, type StoreProcess } from '../support/storeProcess';

const quiet = pino({ level: 'silent' });
const dana: Member = {
  type: 'member',
  id: 'member:d0000000-0000-4000-8000-00000000000d',
  tenantId: CONTOSO,
  aadObjectId: 'd0000000-0000-4000-8000-00000000000d',
  name: 'Dana',
  roles: [],
  guest: false,
  createdAt: '2026-11-24T09:00:00.000Z',
  updatedAt: '2026-11-24T09:00:00.000Z',
};

describe('npm run store: the local store in its own process', () => {
  let running: StoreProcess | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  it('a bot configured with only COSMOS_ENDPOINT on loopback stays in local mode and needs no key', () => {
    const config = loadConfig({ COSMOS_ENDPOINT: 'https://127.0.0.1:8081' });
    expect(config.mode).toBe('local');
    expect(config.host).toBe('127.0.0.1');
    expect(config.seedDemo).toBe(true);
  });

  it('a store endpoint elsewhere is configured mode and still needs a key and an app id', () => {
    expect(() => loadConfig({ COSMOS_ENDPOINT: 'https://contoso.documents.azure.com:443/' })).toThrow(
      /COSMOS_KEY[\s\S]*MicrosoftAppId/,
    );
  });

  it('serves HTTPS on loopback, and two clients see each other’s writes', async () => {
    running = await startStoreProcess();
    expect(running.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const opts = { endpoint: running.endpoint, database: 'shared', localPort: 0 };
    const one = await openStore(opts, quiet);
    const two = await openStore(opts, quiet);
    try {
      expect(one.local).toBe(false);
      await one.repos.members.create(dana);
      expect((await two.repos.members.get(CONTOSO, dana.id))?.doc.name).toBe('Dana');
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('keeps its data across a graceful stop and a start on the same data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pbstore-proc-'));
    running = await startStoreProcess({ dataDir });
    const first = await openStore({ endpoint: running.endpoint, database: 'kept', localPort: 0 }, quiet);
    await first.repos.members.create(dana);
    await first.close();
    expect(await running.stop()).toBe(0);

    running = await startStoreProcess({ dataDir });
    const again = await openStore({ endpoint: running.endpoint, database: 'kept', localPort: 0 }, quiet);
    try {
      expect((await again.repos.members.get(CONTOSO, dana.id))?.doc.name).toBe('Dana');
    } finally {
      await again.close();
    }
  });
});
