import { cardAction } from '../../support/activities';
import type { Membership } from '../../../src/domain/model';
import { conversation, type InvokeBody } from '../../support/conversation';
import { AVERY, CONTOSO, DANA, ELI, FABRIKAM, GALE, type Person } from '../../support/people';
import {
  cardButtons,
  cardOf,
  cardText,
  fixedClock,
  FIXED_NOW,
  startMemoryApp,
  tenantDocuments,
  type MemoryTestApp,
} from '../../support/testApp';

/**
 * Technical support benefits and Go-To-Market through the HTTP stack, as Teams calls the bot:
 * real app, in-memory store, fake connector, fixed clock.
 */

const DAY = 86_400_000;
const clock = fixedClock();
let t: MemoryTestApp;

beforeAll(async () => {
  t = await startMemoryApp({}, { clock });
  // A second advisory benefit for the race tests (a tenant may hold several packages).
  const presales = (await t.app.store.repos.benefits.get(CONTOSO, 'benefit:presales'))!.doc;
  await t.app.store.repos.benefits.create({
    ...presales,
    id: 'benefit:advisory-extra',
    name: 'Advisory hours (add-on)',
  });
});
afterAll(async () => {
  await t.stop();
});
beforeEach(() => {
  t.connector.clear();
  clock.set(FIXED_NOW);
});

const { say, cardReply, press, submit } = conversation(() => t, { status: 200 });
const text = (card: unknown) => cardText(card).join('\n');
type Hero = { contentType: string; content: { text?: string; buttons?: { title: string }[] } };
const heroes = (activity: Record<string, unknown>) =>
  ((activity.attachments as Hero[] | undefined) ?? []).filter(
    (a) => a.contentType === 'application/vnd.microsoft.card.hero',
  );
/** A choice prompt on Teams: a hero card with the question and one button per choice. */
const heroText = (activity: Record<string, unknown>) =>
  heroes(activity)
    .map((a) => a.content.text ?? '')
    .join('\n');
const heroButtons = (activity: Record<string, unknown>) =>
  heroes(activity)
    .flatMap((a) => a.content.buttons ?? [])
    .map((b) => b.title);

/**
 * Another part of the product (enrolment) changes Fabrikam's membership, so tests that need a
 * given level set it themselves (read-modify-write with the ETag, like the product does).
 */
async function setMembership(tenantId: string, patch: Partial<Membership>): Promise<void> {
  const repo = t.app.store.repos.memberships;
  const current = await repo.get(tenantId, 'membership');
  const base: Membership = current?.doc ?? {
    type: 'membership',
    id: 'membership',
    tenantId,
    level: 'network',
    competencies: [],
    status: 'draft',
  };
  const next = { ...base, ...patch } as Membership;
  if (current) await repo.replace(next, current.etag);
  else await repo.create(next);
}
const ACTIVE_ACTION_PACK: Partial<Membership> = {
  partnerId: '5520918',
  level: 'actionPack',
  competencies: [],
  status: 'active',
  accountEmail: 'partners@fabrikam.example',
  enrolledOn: '2026-08-16',
  expiresOn: '2027-08-16',
};
const audits = async (tenantId: string) => (await t.app.store.repos.audit.list(tenantId)).map((r) => r.doc);
const benefit = async (tenantId: string, id: string) => {
  const doc = (await t.app.store.repos.benefits.get(tenantId, id))!.doc;
  return doc as typeof doc & { details: { status?: string } };
};

describe('technical support benefits', () => {
  it('shows everyone the benefits with what remains, and the Access ID and Contract ID of active ones', async () => {
    const card = await cardReply(ELI, 'support');
    const all = text(card);
    expect(all).toContain('Technical support benefits');
    expect(all).toContain('Contoso Partner Ltd. · Silver competency');
    expect(all).toContain('13 of 15 support incidents left');
    expect(all).toContain('Access ID: AID-4411223-01');
    expect(all).toContain('Contract ID: CID-88412097');
    // Presales and deployment help is not a second allowance: unlimited for Silver.
    expect(all).toContain('Unlimited at your level: not counted against any allowance');
    expect(all).toMatch(
      /Presales and deployment services for cloud and hybrid solutions\nUnlimited at your level/,
    );
    // The partner advisory hours are an allowance of their own (20 for Silver).
    expect(all).toContain('Advisory hours\n20 of 20 hours left');
    // An employee gets no Activate button.
    expect(cardButtons(card).filter((b) => b.startsWith('Activate'))).toEqual([]);
  });

  it('routes "activate support" and "激活技术支持" for Dana to the card, with Activate buttons', async () => {
    const en = await cardReply(DANA, 'activate support');
    expect(cardButtons(en)).toContain('Activate Presales and deployment advisory hours');
    const zh = await cardReply(DANA, '激活技术支持', 'zh-CN');
    expect(text(zh)).toContain('技术支持权益');
    expect(text(zh)).toContain('银牌能力');
    expect(cardButtons(zh)).toContain('激活 Signature cloud support');
  });

  it('moves presales to Pending with the date requested, then Active with ids once the delay has passed', async () => {
    const res = await press(DANA, 'support.activate', { benefitId: 'benefit:presales' });
    expect(res.type).toBe('application/vnd.microsoft.card.adaptive');
    const pending = text(res.value);
    expect(pending).toContain('activation requested');
    expect(pending).toContain('Pending');
    expect(pending).toContain(
      'Activation requested on Nov 24, 2026; processing should be complete by Nov 27, 2026.',
    );
    const stored = await benefit(CONTOSO, 'benefit:presales');
    expect(stored.details).toMatchObject({
      status: 'pending',
      requestedOn: FIXED_NOW.toISOString(),
      requestedBy: DANA.aadObjectId,
    });
    expect((await audits(CONTOSO)).find((a) => a.action === 'support.activate')).toMatchObject({
      actor: DANA.aadObjectId,
      target: 'benefit:presales',
      outcome: 'success',
    });

    // Pressing again does not request twice.
    const again = await press(AVERY, 'support.activate', { benefitId: 'benefit:presales' });
    expect(text(again.value)).toContain('already being activated');

    // A day before the end of the delay it is still pending, and nothing is written.
    clock.set(new Date(FIXED_NOW.getTime() + 3 * DAY - 1000));
    const early = await cardReply(ELI, 'support');
    expect(text(early)).toMatch(/Presales and deployment advisory hours\nPending/);
    expect((await benefit(CONTOSO, 'benefit:presales')).details.status).toBe('pending');

    // After the delay, the next reader sees it active with ids, and the completion is written down.
    clock.set(new Date(FIXED_NOW.getTime() + 3 * DAY + 60_000));
    const active = await cardReply(ELI, 'support');
    const done = await benefit(CONTOSO, 'benefit:presales');
    expect(done.details).toMatchObject({ status: 'active', activatedOn: '2026-11-27' });
    const d = done.details as { accessId: string; contractId: string };
    expect(d.accessId).toMatch(/^AID-4411223-\d{2}$/);
    expect(d.contractId).toMatch(/^CID-\d{8}$/);
    expect(text(active)).toContain(`Access ID: ${d.accessId}`);
    expect(text(active)).toContain(`Contract ID: ${d.contractId}`);
    const completions = (await audits(CONTOSO)).filter(
      (a) => a.action === 'support.complete' && a.target === 'benefit:presales',
    );
    expect(completions).toHaveLength(1);
    expect(JSON.stringify(completions)).not.toContain(d.accessId);

    // Read again: the same ids, not new ones.
    const later = await cardReply(DANA, 'support');
    expect(text(later)).toContain(`Access ID: ${d.accessId}`);
  });

  it('records one activation when two admins press Activate at the same moment, and one completion when two people look at once', async () => {
    const [a, b] = await Promise.all([
      press(AVERY, 'support.activate', { benefitId: 'benefit:advisory-extra' }),
      press(DANA, 'support.activate', { benefitId: 'benefit:advisory-extra' }),
    ]);
    const notices = [text(a.value), text(b.value)];
    expect(notices.filter((n) => n.includes('activation requested'))).toHaveLength(1);
    expect(notices.filter((n) => n.includes('already being activated'))).toHaveLength(1);
    const requests = (await audits(CONTOSO)).filter(
      (r) => r.action === 'support.activate' && r.target === 'benefit:advisory-extra',
    );
    expect(requests).toHaveLength(1);

    clock.set(new Date(FIXED_NOW.getTime() + 4 * DAY));
    const [c1, c2] = await Promise.all([cardReply(ELI, 'support'), cardReply(FANG_ZH, 'support')]);
    const ids = (await benefit(CONTOSO, 'benefit:advisory-extra')).details as { accessId: string };
    expect(text(c1)).toContain(ids.accessId);
    expect(text(c2)).toContain(ids.accessId);
    const completions = (await audits(CONTOSO)).filter(
      (r) => r.action === 'support.complete' && r.target === 'benefit:advisory-extra',
    );
    expect(completions).toHaveLength(1);
  });

  it('lets an admin complete a pending activation at once in local mode', async () => {
    await press(AVERY, 'support.activate', { benefitId: 'benefit:cloud-support' });
    const res = await press(AVERY, 'support.complete', { benefitId: 'benefit:cloud-support' });
    expect(text(res.value)).toContain('is now active');
    const d = (await benefit(CONTOSO, 'benefit:cloud-support')).details as {
      status: string;
      accessId?: string;
    };
    expect(d.status).toBe('active');
    expect(text(res.value)).toContain(`Access ID: ${d.accessId}`);
  });

  it('tells Fabrikam, while its membership is not active yet, that nothing can be activated, and changes nothing', async () => {
    await setMembership(FABRIKAM, { level: 'network', status: 'draft', partnerId: undefined });
    const card = await cardReply(GALE, 'support');
    expect(text(card)).toContain('Your membership is not active yet');
    expect(cardButtons(card).filter((b) => b.startsWith('Activate'))).toEqual([]);
    const before = await tenantDocuments(t.app.store.repos, FABRIKAM);
    const res = await press(GALE, 'support.activate', { benefitId: 'benefit:onprem-incidents' });
    expect(String(res.value)).toContain('Your membership is not active yet');
    expect(await tenantDocuments(t.app.store.repos, FABRIKAM)).toEqual(before);
  });

  it('tells Fabrikam (Action Pack) that cloud signature support needs a Silver or Gold competency, and activates on-premises incidents', async () => {
    await setMembership(FABRIKAM, ACTIVE_ACTION_PACK);
    const card = await cardReply(GALE, 'support');
    expect(text(card)).toContain(
      'Signature support for cloud products: comes with Gold competency or Silver competency.',
    );
    expect(text(card)).toContain('10 of 10 support incidents left');
    const res = await press(GALE, 'support.activate', { benefitId: 'benefit:onprem-incidents' });
    expect(text(res.value)).toContain('Pending');
    const done = await press(GALE, 'support.complete', { benefitId: 'benefit:onprem-incidents' });
    expect(text(done.value)).toMatch(/Access ID: AID-5520918-\d{2}/);
    // A cloud signature support benefit in an Action Pack tenant cannot be activated: the refusal names the levels.
    const cloud = (await t.app.store.repos.benefits.get(CONTOSO, 'benefit:cloud-support'))!.doc;
    await t.app.store.repos.benefits.create({
      ...cloud,
      tenantId: FABRIKAM,
      details: { ...cloud.details, status: 'notActivated' } as typeof cloud.details,
    });
    const refused = await press(GALE, 'support.activate', { benefitId: 'benefit:cloud-support' }, 'zh-CN');
    expect(String(refused.value)).toContain(
      '按你组织当前的级别无法激活 Signature cloud support；金牌能力或银牌能力 才包含此权益',
    );
    expect((await benefit(FABRIKAM, 'benefit:cloud-support')).details.status).toBe('notActivated');
    // Contoso's benefit of the same id is untouched.
    expect((await benefit(CONTOSO, 'benefit:onprem-incidents')).details).toMatchObject({
      accessId: 'AID-4411223-01',
    });
  });

  it('refuses an employee who forges support.activate, names the roles, and changes nothing but the audit', async () => {
    await say(ELI, 'my roles'); // first contact already recorded: the snapshot is stable
    const before = await tenantDocuments(t.app.store.repos, CONTOSO);
    const auditBefore = await audits(CONTOSO);
    const res = await press(ELI, 'support.activate', { benefitId: 'benefit:gtm-silver-core' });
    expect(res.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(res.value)).toContain(
      'To activate technical support benefits you need the Global admin or MPN partner admin role.',
    );
    expect(String(res.value)).toContain('Avery Chen');
    expect(await tenantDocuments(t.app.store.repos, CONTOSO)).toEqual(before);
    const newAudits = (await audits(CONTOSO)).filter((a) => !auditBefore.some((b) => b.id === a.id));
    expect(newAudits).toEqual([
      expect.objectContaining({ actor: ELI.aadObjectId, action: 'support.activate', outcome: 'denied' }),
    ]);
  });

  it('explains the denial in Chinese to a Chinese-speaking employee', async () => {
    const res = await press(ELI, 'support.activate', { benefitId: 'benefit:cloud-support' }, 'zh-CN');
    expect(String(res.value)).toContain('要激活技术支持权益，你需要“全局管理员”或“MPN 合作伙伴管理员”角色。');
  });

  it('refuses a benefit id of another tenant or of another category as not found', async () => {
    const res = await press(DANA, 'support.activate', { benefitId: 'benefit:gtm-isv-cosell' });
    expect(String(res.value)).toContain('no longer exists');
    expect((await benefit(CONTOSO, 'benefit:gtm-isv-cosell')).details.status).toBe('notActivated');
    // Gale (Fabrikam) names Contoso's presales benefit: her tenant has none, Contoso's is untouched.
    const contosoBefore = await tenantDocuments(t.app.store.repos, CONTOSO);
    const foreign = await press(GALE, 'support.activate', { benefitId: 'benefit:presales' });
    expect(String(foreign.value)).toContain('no longer exists');
    expect(await tenantDocuments(t.app.store.repos, CONTOSO)).toEqual(contosoBefore);
  });

  it('answers malformed activation data with 400 and changes nothing', async () => {
    const before = await tenantDocuments(t.app.store.repos, CONTOSO);
    const res = await t.post(
      cardAction(
        DANA,
        'support.activate',
        { benefitId: 'benefit:presales', tenantId: FABRIKAM },
        { serviceUrl: t.connector.url },
      ),
    );
    expect((res.body as InvokeBody).statusCode).toBe(400);
    expect(await tenantDocuments(t.app.store.repos, CONTOSO)).toEqual(before);
  });
});

describe('commands in both languages', () => {
  it.each([
    [ELI, 'support', 'en-US', 'Technical support benefits'],
    [ELI, '技术支持', 'zh-CN', '技术支持权益'],
    [DANA, 'activate support', 'en-US', 'Technical support benefits'],
    [DANA, '激活技术支持', 'zh-CN', '技术支持权益'],
    [ELI, 'go-to-market', 'en-US', 'Go-To-Market offers'],
    [ELI, '市场推广', 'zh-CN', '市场推广套餐'],
    [DANA, 'marketing contact', 'en-US', 'Company marketing contact'],
    [DANA, '营销联系人', 'zh-CN', '公司营销联系人'],
  ])('%s: "%s" (%s) answers with "%s"', async (person, phrase, locale, title) => {
    const card = await cardReply(person, phrase, locale);
    expect(cardText(card)[0]).toBe(title);
    await say(person, locale === 'zh-CN' ? '取消' : 'cancel', locale);
  });

  it.each([
    ['open a support request', 'en-US', 'What do you need help with?'],
    ['提交支持请求', 'zh-CN', '你需要哪方面的帮助？'],
  ])('"%s" (%s) starts the guided support request', async (phrase, locale, question) => {
    const [ask] = await say(FANG_ZH, phrase, locale);
    expect(heroText(ask)).toContain(question);
    await say(FANG_ZH, 'cancel');
  });
});

describe('open a support request', () => {
  it('guides Eli to break-fix for a broken on-premises product and shows the ids to quote', async () => {
    const [ask] = await say(ELI, 'open a support request');
    expect(heroText(ask)).toContain('What do you need help with?');
    expect(heroButtons(ask)).toEqual(['Something is broken', 'I need advice']);
    const [family] = await say(ELI, 'Something is broken');
    expect(heroButtons(family)).toContain('On-premises products');
    const advice = cardOf((await say(ELI, 'On-premises products'))[0]);
    expect(text(advice)).toContain('Break-fix technical support');
    expect(text(advice)).toContain('Access ID: AID-4411223-01');
    expect(text(advice)).toContain('Contract ID: CID-88412097');
  });

  it('tells a Fabrikam admin in Chinese that Dynamics break-fix support needs a Silver or Gold competency', async () => {
    await setMembership(FABRIKAM, ACTIVE_ACTION_PACK);
    await say(GALE, '提交支持请求', 'zh-CN');
    await say(GALE, '功能故障或报错', 'zh-CN');
    const advice = cardOf((await say(GALE, 'Dynamics', 'zh-CN'))[0]);
    expect(text(advice)).toContain('你组织当前的级别不包含');
    expect(text(advice)).toContain('金牌能力或银牌能力');
  });
});

describe('marketing contact and Go-To-Market offers', () => {
  const form = (values: Record<string, unknown>) => ({ form: 'marketingContact', action: 'save', ...values });
  const good = {
    person: DANA.aadObjectId,
    email: 'marketing@contoso.example',
    phone: '+86 21 5555 0100',
    language: 'zh-Hans',
  };
  const problemsOf = (replies: Record<string, unknown>[]) => text(replies.map(cardOf).find(Boolean));

  it('refuses to activate an offer before a marketing contact exists, changing nothing', async () => {
    const offers = await cardReply(DANA, 'go-to-market');
    expect(text(offers)).toContain('No marketing contact yet');
    expect(cardButtons(offers)).toContain('Set marketing contact');
    // The core offer and the add-on's are both Silver core: each button names its benefit.
    expect(cardButtons(offers)).toEqual(
      expect.arrayContaining([
        'Activate Silver core Go-To-Market benefits',
        'Activate Silver core Go-To-Market (add-on)',
      ]),
    );
    const before = await tenantDocuments(t.app.store.repos, CONTOSO);
    const res = await press(DANA, 'gtm.activate', { benefitId: 'benefit:gtm-silver-core' });
    expect(String(res.value)).toContain('Set the company marketing contact before activating');
    expect(await tenantDocuments(t.app.store.repos, CONTOSO)).toEqual(before);
  });

  it('refuses Eli the marketing contact command, naming the roles', async () => {
    const [reply] = await say(ELI, 'marketing contact');
    expect(String(reply.text)).toContain(
      'To set the marketing contact you need the Global admin or MPN partner admin role.',
    );
  });

  it('keeps waiting for the form when Dana types instead, and its Cancel button stops without saving', async () => {
    await cardReply(DANA, 'marketing contact');
    const [hint] = await say(DANA, 'hello?');
    expect(String(hint.text)).toContain('fill in the form above');
    const [cancelled] = await submit(DANA, { form: 'marketingContact', action: 'cancel' });
    expect(String(cancelled.text)).toContain('Cancelled');
    expect(await t.app.store.repos.marketingContacts.get(CONTOSO, 'marketingContact')).toBeUndefined();
    // The conversation is free again.
    expect(cardText(await cardReply(DANA, 'go-to-market'))[0]).toBe('Go-To-Market offers');
  });

  it('offers the directory in the form and refuses, one by one, every invalid contact', async () => {
    const card = await cardReply(DANA, 'marketing contact');
    const choices = JSON.stringify(card);
    expect(choices).toContain('Eli Park (eli.park@contoso.example)');
    expect(choices).not.toContain('Gale Ito');
    expect(text(card)).toContain('partners@contoso.example');

    let replies = await submit(DANA, form({ ...good, email: 'Partners@Contoso.example' }));
    expect(problemsOf(replies)).toContain('Use an email address other than the partner account’s');

    replies = await submit(DANA, form({ ...good, phone: '021-5555-0100' }));
    expect(problemsOf(replies)).toContain('Enter the phone number in international format');

    replies = await submit(DANA, form({ ...good, language: '' }));
    expect(problemsOf(replies)).toContain('Choose a preferred language.');

    replies = await submit(DANA, form({ ...good, person: 'e0000000-0000-4000-8000-0000000000ee' }));
    expect(problemsOf(replies)).toContain('That person is not in your organisation’s directory.');

    // Gale exists, but in Fabrikam's directory: a forged id of another tenant is refused the same way.
    replies = await submit(DANA, form({ ...good, person: GALE.aadObjectId }));
    expect(problemsOf(replies)).toContain('That person is not in your organisation’s directory.');

    expect(await t.app.store.repos.marketingContacts.get(CONTOSO, 'marketingContact')).toBeUndefined();

    // The form keeps what was typed.
    expect(JSON.stringify(replies.map(cardOf).find(Boolean))).toContain('+86 21 5555 0100');

    replies = await submit(DANA, form(good));
    const saved = text(replies.map(cardOf).find(Boolean));
    expect(saved).toContain('Marketing contact saved: Dana Zhou.');
    expect(saved).toContain('Phone: +86 21 5555 0100');
    expect(saved).toContain('Preferred language: Simplified Chinese');
    expect((await t.app.store.repos.marketingContacts.get(CONTOSO, 'marketingContact'))?.doc).toMatchObject({
      aadObjectId: DANA.aadObjectId,
      email: 'marketing@contoso.example',
      phone: '+862155550100',
      phoneAsTyped: '+86 21 5555 0100',
      language: 'zh-Hans',
      setBy: DANA.aadObjectId,
    });
    const recorded = (await audits(CONTOSO)).filter(
      (a) => a.action === 'gtm.setContact' && a.outcome === 'success',
    );
    expect(recorded).toEqual([
      expect.objectContaining({ actor: DANA.aadObjectId, target: `member:${DANA.aadObjectId}` }),
    ]);
  });

  it('shows the number as Dana typed it on the offers card and in the form, in English and Chinese', async () => {
    const en = text(await cardReply(ELI, 'go-to-market'));
    expect(en).toContain('Phone: +86 21 5555 0100');
    expect(en).not.toContain('+862155550100');
    const zh = text(await cardReply(FANG_ZH, '市场推广', 'zh-CN'));
    expect(zh).toContain('+86 21 5555 0100');
    expect(zh).not.toContain('+862155550100');
    // The form to change it starts from the typed number, not the stored one.
    const form = JSON.stringify(await cardReply(DANA, 'marketing contact'));
    expect(form).toContain('"value":"+86 21 5555 0100"');
    expect(form).not.toContain('+862155550100');
    await submit(DANA, { form: 'marketingContact', action: 'cancel' });
  });

  it('shows a contact saved before the typed form was kept as a grouped number, in both languages', async () => {
    const repo = t.app.store.repos.marketingContacts;
    const stored = (await repo.get(CONTOSO, 'marketingContact'))!;
    const { phoneAsTyped: _typed, ...older } = stored.doc;
    await repo.replace({ ...older, phone: '+14255550100' }, stored.etag);
    try {
      expect(text(await cardReply(ELI, 'go-to-market'))).toContain('Phone: +1 425 555 0100');
      expect(text(await cardReply(FANG_ZH, '市场推广', 'zh-CN'))).toContain('+1 425 555 0100');
    } finally {
      const now = (await repo.get(CONTOSO, 'marketingContact'))!;
      await repo.replace(stored.doc, now.etag);
    }
  });

  it('activates an offer: Pending for the configured days, then Active with its expiry on the benefit', async () => {
    const res = await press(DANA, 'gtm.activate', { benefitId: 'benefit:gtm-silver-core' });
    expect(text(res.value)).toContain('activation requested');
    expect(text(res.value)).toContain('Dana Zhou (marketing@contoso.example)');
    expect(text(res.value)).toMatch(/Silver core Go-To-Market benefits\nSilver core\nPending/);

    clock.set(new Date(FIXED_NOW.getTime() + 5 * DAY + 1000));
    const card = await cardReply(ELI, 'go-to-market');
    expect(text(card)).toMatch(/Silver core Go-To-Market benefits\nSilver core\nActive\nNov 29, 2027/);
    const doc = await benefit(CONTOSO, 'benefit:gtm-silver-core');
    expect(doc.expiresOn).toBe('2027-11-29');
    expect(doc.details).toMatchObject({ status: 'active', activatedOn: '2026-11-29' });
  });

  it('completes an offer by hand in local mode', async () => {
    await press(AVERY, 'gtm.activate', { benefitId: 'benefit:gtm-isv-cosell' });
    const res = await press(AVERY, 'gtm.complete', { benefitId: 'benefit:gtm-isv-cosell' });
    expect(text(res.value)).toContain('ISV co-sell ready is now active, until Nov 24, 2027.');
    expect((await benefit(CONTOSO, 'benefit:gtm-isv-cosell')).expiresOn).toBe('2027-11-24');
  });

  it('refuses an employee who forges gtm.activate, names the roles, and changes nothing but the audit', async () => {
    await say(ELI, 'my roles');
    const before = await tenantDocuments(t.app.store.repos, CONTOSO);
    const auditBefore = await audits(CONTOSO);
    const res = await press(ELI, 'gtm.activate', { benefitId: 'benefit:gtm-silver-core' }, 'zh-CN');
    expect(String(res.value)).toContain(
      '要激活市场推广（GTM）优惠，你需要“全局管理员”或“MPN 合作伙伴管理员”角色。',
    );
    expect(await tenantDocuments(t.app.store.repos, CONTOSO)).toEqual(before);
    const newAudits = (await audits(CONTOSO)).filter((a) => !auditBefore.some((b) => b.id === a.id));
    expect(newAudits).toEqual([expect.objectContaining({ action: 'gtm.activate', outcome: 'denied' })]);
  });

  it('shows the offers in Chinese through "市场推广"', async () => {
    const card = await cardReply(FANG_ZH, '市场推广', 'zh-CN');
    expect(text(card)).toContain('市场推广套餐');
    expect(text(card)).toContain('营销联系人');
    expect(text(card)).toContain('到期');
  });
});

const FANG_ZH: Person = {
  name: 'Fang Wu',
  aadObjectId: 'e0000000-0000-4000-8000-000000000002',
  tenantId: CONTOSO,
};
