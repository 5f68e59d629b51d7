import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { ConcurrencyError } from '../../src/domain/errors';
import { conversationRefId, memberId, type ConversationRef } from '../../src/domain/model';
import { createDomainServices, type DomainServices } from '../../src/app';
import { openStore, type Store } from '../../src/store';
import { loadSeedFile } from '../../src/store/seed';
import { CONTOSO, DANA } from '../support/people';
import { fixedClock } from '../support/testApp';

describe('installations and personal choices, through the domain services the app builds', () => {
  let store: Store;
  let domain: DomainServices;
  const clock = fixedClock();
  const channel = (conversationId: string, patch: Partial<ConversationRef> = {}): ConversationRef => ({
    type: 'conversationRef',
    id: conversationRefId(conversationId),
    tenantId: CONTOSO,
    conversationId,
    scope: 'channel',
    serviceUrl: 'https://smba.example.test/',
    botId: '28:bot',
    teamId: '19:team@thread.tacv2',
    teamName: 'Sales',
    active: true,
    updatedAt: clock.now().toISOString(),
    ...patch,
  });

  beforeAll(async () => {
    store = await openStore(
      { database: 'installations', localPort: 0, localDataDir: mkdtempSync(join(tmpdir(), 'installs-')) },
      pino({ level: 'silent' }),
    );
    await loadSeedFile('data/demo.json', store.repos, clock);
    domain = createDomainServices(store.repos, clock, {
      bootstrapAdmins: [],
      activation: { supportDays: 3, gtmDays: 5, manualCompletion: false },
    });
  });
  afterAll(() => store.close());

  it('gives the welcome of an install to exactly one of two simultaneous install events', async () => {
    const ref = await domain.installations.saveReference(channel('19:welcome@thread.tacv2'));
    const claims = await Promise.all([
      domain.installations.claimWelcome(CONTOSO, ref.id),
      domain.installations.claimWelcome(CONTOSO, ref.id),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await domain.installations.claimWelcome(CONTOSO, ref.id)).toBe(false);
    // A welcome that could not be sent is given back: the next install event sends it.
    await domain.installations.releaseWelcome(CONTOSO, ref.id);
    expect(await domain.installations.claimWelcome(CONTOSO, ref.id)).toBe(true);
  });

  it('keeps a known channel name and welcomes a reinstall again', async () => {
    const id = '19:reinstall@thread.tacv2';
    const first = await domain.installations.saveReference(channel(id, { channelName: 'Deals' }));
    expect(await domain.installations.claimWelcome(CONTOSO, first.id)).toBe(true);
    await store.repos.conversationRefs.replace(
      { ...(await domain.installations.reference(CONTOSO, first.id))!, active: false },
      (await store.repos.conversationRefs.get(CONTOSO, first.id))!.etag,
    );
    const again = await domain.installations.saveReference(channel(id));
    expect(again).toMatchObject({ active: true, channelName: 'Deals', welcomedAt: undefined });
    expect(await domain.installations.claimWelcome(CONTOSO, first.id)).toBe(true);
  });

  it('renames every channel of a renamed team, and only that team', async () => {
    await domain.installations.saveReference(channel('19:a@thread.tacv2'));
    await domain.installations.saveReference(
      channel('19:other@thread.tacv2', { teamId: '19:x', teamName: 'X' }),
    );
    const general = await domain.installations.saveReference(
      channel('19:team@thread.tacv2', { teamName: 'Sales EMEA' }),
    );
    await domain.installations.renameTeam(general);
    expect(
      (await domain.installations.reference(CONTOSO, conversationRefId('19:a@thread.tacv2')))?.teamName,
    ).toBe('Sales EMEA');
    expect(
      (await domain.installations.reference(CONTOSO, conversationRefId('19:other@thread.tacv2')))?.teamName,
    ).toBe('X');
  });

  it('saves a language choice, and refuses to confirm one for a person no longer in the directory', async () => {
    await domain.directory.choosePreferredLocale(CONTOSO, DANA.aadObjectId, 'zh-CN');
    expect((await store.repos.members.get(CONTOSO, memberId(DANA.aadObjectId)))?.doc.preferredLocale).toBe(
      'zh-CN',
    );
    await expect(
      domain.directory.choosePreferredLocale(CONTOSO, '00000000-0000-4000-8000-00000000dead', 'zh-CN'),
    ).rejects.toBeInstanceOf(ConcurrencyError);
  });
});
