import { conversation } from '../../support/conversation';
import { subscribeChannel } from '../../support/noticeTenant';
import { CONTOSO, DANA, ELI, FABRIKAM, GALE, type Person } from '../../support/people';
import { ConcurrencyError } from '../../../src/domain/errors';
import type { Notice } from '../../../src/domain/model';
import { cardButtons, cardOf, cardText, startMemoryApp, type MemoryTestApp } from '../../support/testApp';

const REMOVED = '19:report-removed@thread.tacv2';
const SLOW = '19:report-slow@thread.tacv2';
const FABRIKAM_CHANNEL = '19:report-fabrikam@thread.tacv2';

describe('the reminder delivery report', () => {
  let t: MemoryTestApp;
  const { lastReply, press } = conversation(() => t);
  const reportOf = async (person: Person) =>
    cardText(cardOf(await lastReply(person, 'reminder report'))).join('\n');
  const postsTo = (channel: string) => t.connector.channelPosts().filter((p) => p.channelId === channel);

  beforeAll(async () => {
    t = await startMemoryApp();
    const { repos } = t.app.store;
    // The team's name is shown in the report; each tenant's team has its own.
    const channel = (tenantId: string, conversationId: string, channelName: string, admin: string) =>
      subscribeChannel(repos, {
        tenantId,
        conversationId,
        channelName,
        admin,
        serviceUrl: t.connector.url,
        teamId: `19:team-${tenantId}`,
        teamName: tenantId === CONTOSO ? 'Contoso Partners' : 'Fabrikam Crew',
      });
    await channel(CONTOSO, REMOVED, 'Old project', DANA.aadObjectId);
    await channel(CONTOSO, SLOW, 'Benefits desk', DANA.aadObjectId);
    await channel(FABRIKAM, FABRIKAM_CHANNEL, 'Fabrikam notices', GALE.aadObjectId);
    // Its package is live: a cancelled (or missing) package's benefits get no notices.
    await repos.packages.create({
      type: 'package',
      id: 'package:p',
      tenantId: FABRIKAM,
      name: 'Fabrikam test package',
      offerType: 'silver',
      purchasedOn: '2026-01-01',
      expiresOn: '2030-01-01',
      status: 'active',
    });
    await repos.benefits.create({
      type: 'benefit',
      id: 'benefit:fabrikam-gtm',
      tenantId: FABRIKAM,
      packageId: 'package:p',
      name: 'Fabrikam launch offer',
      benefitType: 'core',
      quantity: 1,
      expiresOn: '2026-11-29',
      details: { category: 'gtm', offer: 'Launch', status: 'notActivated' },
    });
    // One channel lost the bot (404), one is throttled once and then fine, Fabrikam's gets an
    // ambiguous 500 (Teams may have shown it).
    t.connector.fault = (call, attempt) => {
      const body = JSON.stringify(call.body);
      if (body.includes(REMOVED)) return { status: 404 };
      if (body.includes(SLOW) && attempt === 1) return { status: 429, headers: { 'retry-after': '0' } };
      if (body.includes(FABRIKAM_CHANNEL)) return { status: 500 };
      return undefined;
    };
    await t.app.services.scanner.run();
    t.connector.fault = undefined;
  });
  afterAll(() => t.stop());

  it('shows Dana each Contoso channel with its last scan, why a notice did not arrive and how to turn it back on', async () => {
    const text = await reportOf(DANA);
    expect(text).toContain('Reminder delivery report');
    expect(text).toContain('Contoso Partners › Old project');
    expect(text).toContain('Reminders off');
    expect(text).toContain('the channel or conversation no longer exists');
    expect(text).toContain('post expiry reminders here');
    expect(text).toContain('Contoso Partners › Benefits desk');
    expect(text).toMatch(/sent \(\d+ after Teams asked me to slow down\)/);
    expect(text).toContain('Due next');
  });

  it('never shows Dana the channels or notices of another tenant', async () => {
    const text = await reportOf(DANA);
    expect(text).not.toContain('Fabrikam');
  });

  it('shows Gale only Fabrikam, with the ambiguous 500 in words and a Send again button', async () => {
    const card = cardOf(await lastReply(GALE, 'reminder report'));
    const text = cardText(card).join('\n');
    expect(text).toContain('Fabrikam Crew › Fabrikam notices');
    expect(text).toContain('may already be shown');
    expect(text).not.toContain('Contoso');
    expect(cardButtons(card)).toContain('Send again');
  });

  it('refuses an employee and names the roles that may see it', async () => {
    const reply = await lastReply(ELI, 'reminder report');
    expect(String(reply.text)).toMatch(/Global admin|MPN partner admin/);
    expect(cardOf(reply)).toBeUndefined();
  });

  it('warns before sending an ambiguous notice again, sends it once, and a second press sends nothing', async () => {
    const failed = (await t.app.store.repos.notices.list(FABRIKAM)).find((n) => n.doc.state === 'failed');
    expect(failed?.doc.outcome).toBe('ambiguous');
    const noticeId = String(failed?.doc.id);
    const ask = await press(GALE, 'report.resendAsk', { noticeId });
    expect(ask.statusCode).toBe(200);
    expect(cardText(ask.value).join('\n')).toContain('Teams may already have shown this one');
    const before = postsTo(FABRIKAM_CHANNEL).length;
    const sent = await press(GALE, 'report.resend', { noticeId });
    expect(cardText(sent.value).join('\n')).toContain('Sent again to Fabrikam Crew › Fabrikam notices');
    expect(postsTo(FABRIKAM_CHANNEL)).toHaveLength(before + 1);
    expect((await t.app.store.repos.notices.get(FABRIKAM, noticeId))?.doc.state).toBe('sent');
    const again = await press(GALE, 'report.resend', { noticeId });
    expect(cardText(again.value).join('\n')).toContain('no longer waiting');
    expect(postsTo(FABRIKAM_CHANNEL)).toHaveLength(before + 1);
  });

  it('does not let a Contoso admin send a Fabrikam notice again by its id', async () => {
    const notice = (await t.app.store.repos.notices.list(FABRIKAM))[0].doc;
    await t.app.store.repos.notices.replace(
      { ...notice, state: 'failed', outcome: 'ambiguous' },
      String((await t.app.store.repos.notices.get(FABRIKAM, notice.id))?.etag),
    );
    const before = postsTo(FABRIKAM_CHANNEL).length;
    const res = await press(DANA, 'report.resend', { noticeId: notice.id });
    expect(cardText(res.value).join('\n')).toContain('no longer waiting');
    expect(postsTo(FABRIKAM_CHANNEL)).toHaveLength(before);
    expect((await t.app.store.repos.notices.get(FABRIKAM, notice.id))?.doc.state).toBe('failed');
  });

  it('refuses the resend verb to an employee, changing nothing', async () => {
    const [notice] = (await t.app.store.repos.notices.list(CONTOSO, { where: { state: 'failed' } })).map(
      (n) => n.doc,
    );
    const before = t.connector.channelPosts().length;
    const res = await press(ELI, 'report.resend', { noticeId: notice.id });
    expect(res.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(res.value)).toContain('MPN partner admin');
    expect(t.connector.channelPosts()).toHaveLength(before);
    expect((await t.app.store.repos.notices.get(CONTOSO, notice.id))?.doc.state).toBe('failed');
  });

  it('has no resend button for a notice whose channel was turned off', async () => {
    const card = cardOf(await lastReply(DANA, 'reminder report'));
    const removed = JSON.stringify(card).split('Old project')[1]?.split('Benefits desk')[0] ?? '';
    expect(removed).not.toContain('report.resendAsk');
  });

  it('tells the admin it did not go through, not "sent again", when recording the outcome keeps losing races', async () => {
    // A failed Fabrikam notice (left by the cross-tenant test above); the claim may be written, but
    // every write of the outcome finds the notice changed by someone else, until attempts run out.
    const failed = (await t.app.store.repos.notices.list(FABRIKAM, { where: { state: 'failed' } }))[0];
    expect(failed).toBeDefined();
    const resendsAudited = async () =>
      (await t.app.store.repos.audit.list(FABRIKAM, { where: { action: 'notify.resend' } })).length;
    const auditedBefore = await resendsAudited();
    const notices = t.app.store.repos.notices;
    const real = notices.replace.bind(notices);
    const spy = jest
      .spyOn(notices, 'replace')
      .mockImplementation((doc: Notice, etag: string) =>
        doc.state === 'pending' ? real(doc, etag) : Promise.reject(new ConcurrencyError(doc.id)),
      );
    try {
      const res = await press(GALE, 'report.resend', { noticeId: failed.doc.id });
      const text = JSON.stringify(res.value);
      expect(text).toContain('Someone changed this at the same moment');
      expect(text).not.toContain('Sent again');
    } finally {
      spy.mockRestore();
    }
    // Nor is a successful resend audited.
    expect(await resendsAudited()).toBe(auditedBefore);
  }, 20_000);
});
