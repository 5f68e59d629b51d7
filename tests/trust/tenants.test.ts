import { SYSTEM_TENANT } from '../../src/domain/model';
import { tenantScanLease } from '../../src/notify/scanner';
import { conversation } from '../support/conversation';
import { noticeDeliveries, seedNoticeTenant, type NoticeTenant } from '../support/noticeTenant';
import { CONTOSO, DANA, ELI, FABRIKAM, GALE, type Person } from '../support/people';
import { cardText, cardOf, startTestApp, type TestApp } from '../support/testApp';

/**
 * Tenants kept apart: what one tenant's admin starts from chat touches, posts into and counts
 * that tenant only. The HTTP run (behind its secret) stays global.
 */

const CONTOSO_NOTICES: NoticeTenant = {
  tenantId: CONTOSO,
  admin: DANA.aadObjectId,
  name: 'Contoso Partner Ltd.',
  channelPrefix: 'contoso',
};
const FABRIKAM_NOTICES: NoticeTenant = {
  tenantId: FABRIKAM,
  admin: GALE.aadObjectId,
  name: 'Fabrikam Solutions',
  channelPrefix: 'fabrikam',
};

describe('a chat-triggered expiry check stays inside the actor’s tenant', () => {
  let t: TestApp;
  let contosoChannels: string[];
  let fabrikamChannels: string[];
  beforeEach(async () => {
    t = await startTestApp({ NOTIFY_DIGEST_ABOVE: '1000' });
    contosoChannels = await seedNoticeTenant(t.app.store.repos, CONTOSO_NOTICES, 2, 2, t.connector.url);
    // Fabrikam's figures differ from Contoso's, so a leaked count would show.
    fabrikamChannels = await seedNoticeTenant(t.app.store.repos, FABRIKAM_NOTICES, 7, 3, t.connector.url);
  });
  afterEach(() => t.stop());

  const { say } = conversation(() => t, { wait: false });
  const postsInto = (channels: string[]) =>
    t.connector.channelPosts().filter((p) => channels.includes(p.channelId));

  it('Contoso’s admin causes no post into Fabrikam’s channels and sees only Contoso’s figures', async () => {
    const [reply] = await say(DANA, 'check expiry now');
    const contosoPosts = postsInto(contosoChannels).length;
    expect(contosoPosts).toBeGreaterThanOrEqual(4); // 2 seeded items × 2 channels, plus demo items
    expect(postsInto(fabrikamChannels)).toHaveLength(0);
    expect(String(reply.text)).toBe(
      `Checked: ${contosoPosts} reminders sent, 0 already sent earlier, 0 failed.`,
    );
    // Nothing of Fabrikam was claimed either: its notices are all still to be sent.
    expect(await t.app.store.repos.notices.list(FABRIKAM)).toHaveLength(0);

    // Asking again shows Contoso's own "already sent", never Fabrikam's 21 due notices.
    const [again] = await say(DANA, 'check expiry now');
    expect(String(again.text)).toBe(
      `Checked: 0 reminders sent, ${contosoPosts} already sent earlier, 0 failed.`,
    );
    expect(postsInto(fabrikamChannels)).toHaveLength(0);
  });

  it('Fabrikam’s admin gets Fabrikam’s figures, and the global run then sends only what is left', async () => {
    const [reply] = await say(GALE, 'check expiry now');
    expect(postsInto(contosoChannels)).toHaveLength(0);
    expect(postsInto(fabrikamChannels)).toHaveLength(21);
    expect(String(reply.text)).toBe('Checked: 21 reminders sent, 0 already sent earlier, 0 failed.');

    const global = await t.app.services.scanner.run();
    expect(global.tenants).toBe(2);
    expect(global.skipped).toBe(21);
    expect(postsInto(fabrikamChannels)).toHaveLength(21);
    expect(postsInto(contosoChannels)).toHaveLength(global.sent);
    expect([...noticeDeliveries(t.connector).values()].every((n) => n === 1)).toBe(true);
  });

  it('a tenant run and a global run at the same moment still send every notice once', async () => {
    const [global] = await Promise.all([
      t.app.services.scanner.run(),
      t.app.services.scanner.run({ tenantId: FABRIKAM }),
      t.app.services.scanner.run({ tenantId: CONTOSO }),
    ]);
    expect(global.ran).toBe(true);
    const deliveries = noticeDeliveries(t.connector);
    expect([...deliveries.values()].every((n) => n === 1)).toBe(true);
    expect(postsInto(fabrikamChannels)).toHaveLength(21);
    // And the tenant runs left no lease behind.
    expect(
      await t.app.store.repos.leases.get(SYSTEM_TENANT, `lease:${tenantScanLease(FABRIKAM)}`),
    ).toBeUndefined();
  });

  it('offers the check in help to the roles that may run it, and refuses everyone else', async () => {
    const helpText = async (person: Person) =>
      (await say(person, 'help')).flatMap((a) => cardText(cardOf(a))).join('\n');
    expect(await helpText(DANA)).toContain('check for expiring items now');
    expect(await helpText(ELI)).not.toContain('check for expiring items now');
    const [refused] = await say(ELI, 'check expiry now');
    expect(String(refused.text)).toContain('Global admin');
    expect(postsInto([...contosoChannels, ...fabrikamChannels])).toHaveLength(0);
  });
});
