import { memberId } from '../../../src/domain/model';
import { conversation } from '../../support/conversation';
import { AVERY, BO, CONTOSO, DANA, ELI, FABRIKAM, GALE, type Person } from '../../support/people';
import {
  cardButtons,
  cardOf,
  cardText,
  fixedClock,
  FIXED_NOW,
  startMemoryApp,
  type MemoryTestApp,
} from '../../support/testApp';

const DAY = 86_400_000;

describe('the membership card: level, status, expiry, renewal and upgrades', () => {
  let t: MemoryTestApp;
  const h = conversation(() => t, { wait: false, from: 'all' });
  beforeAll(async () => {
    t = await startMemoryApp();
  });
  afterAll(() => t.stop());

  it('shows Contoso its Silver competency, expiry in 40 days and the open renewal window', async () => {
    const card = cardOf((await h.say(AVERY, 'membership'))[0]);
    const text = cardText(card).join('\n');
    expect(text).toContain('Partner ID: 4411223');
    expect(text).toContain('Level: Competency');
    expect(text).toContain('Competencies: Silver Application Development');
    expect(text).toContain('Status: Active');
    expect(text).toContain('Expires on: Jan 3, 2027');
    expect(text).toContain('Renewal: open now, until Feb 2, 2027');
    expect(cardButtons(card)).toEqual(['Renew until Jan 3, 2028', 'Upgrade…', 'Review upgrade', 'Refresh']);
    // An organisation holding a competency is not offered an Action Pack.
    expect(JSON.stringify(card)).not.toContain('"value":"actionPack"');
  });

  it('shows an employee the same facts without the buttons to change them', async () => {
    const card = cardOf((await h.say(ELI, '会员资格', 'zh-CN'))[0]);
    expect(cardText(card).join('\n')).toContain('状态: 有效');
    expect(cardButtons(card)).toEqual(['刷新']);
  });

  it('shows Fabrikam that it has not enrolled yet, with an Enrol button for its Global admin', async () => {
    const card = cardOf((await h.say(GALE, 'membership'))[0]);
    expect(cardText(card).join('\n')).toContain(
      'Fabrikam Solutions has not enrolled in the partner network yet.',
    );
    expect(cardButtons(card)).toEqual(['Enrol', 'Refresh']);
  });

  it('makes a competency upgrade an application that stays pending, granting nothing by itself', async () => {
    const offer = 'competency:application-development:gold';
    const before = (await t.app.store.repos.memberships.get(CONTOSO, 'membership'))?.doc.competencies;
    const confirm = await h.press(DANA, 'membership.upgrade', { offer });
    expect(cardText(confirm.value).join('\n')).toContain('Apply for Gold Application Development?');
    expect(cardText(confirm.value).join('\n')).toContain('nobody in your organisation can grant it');
    const done = await h.press(DANA, 'membership.upgrade', { offer, confirm: true });
    const text = cardText(done.value).join('\n');
    expect(text).toContain('Application for Gold Application Development sent for review.');
    expect(text).toContain(
      'Application for Gold Application Development: waiting for the partner programme’s review',
    );
    const m = (await t.app.store.repos.memberships.get(CONTOSO, 'membership'))?.doc;
    expect(m?.competencies).toEqual(before);
    expect(m?.applications?.map((a) => [a.area, a.tier, a.status])).toEqual([
      ['application-development', 'gold', 'pending'],
    ]);
    // The applicant cannot decide their own application (the demo review is a Global admin's, local only).
    const self = await h.press(DANA, 'membership.review', {
      application: m?.applications?.[0].id,
      decision: 'approve',
    });
    expect(String(self.value)).toContain('you need the Global admin role');
    expect((await t.app.store.repos.memberships.get(CONTOSO, 'membership'))?.doc.competencies).toEqual(
      before,
    );
  });

  it('never decides an application in the tenant outside local mode', async () => {
    const id = (await t.app.store.repos.memberships.get(CONTOSO, 'membership'))?.doc.applications?.[0].id;
    const services = t.app.services as { mode: 'local' | 'configured' };
    services.mode = 'configured';
    try {
      const body = await h.press(AVERY, 'membership.review', { application: id, decision: 'approve' });
      expect(cardText(body.value).join('\n')).toContain(
        'The programme decides applications in its own review',
      );
    } finally {
      services.mode = 'local';
    }
    const m = (await t.app.store.repos.memberships.get(CONTOSO, 'membership'))?.doc;
    expect(m?.applications?.[0].status).toBe('pending');
  });

  it('the local demo review approves it; the applicant is told in their chat; buying an Action Pack is then refused', async () => {
    await h.say(DANA, 'help'); // Dana's chat with the bot, where she is told
    const id = (await t.app.store.repos.memberships.get(CONTOSO, 'membership'))?.doc.applications?.[0].id;
    const card = cardOf((await h.say(AVERY, 'membership'))[0]);
    expect(cardButtons(card)).toEqual(
      expect.arrayContaining([
        'Demo review: approve Gold Application Development',
        'Demo review: decline Gold Application Development',
      ]),
    );
    const before = t.connector.calls.length;
    const done = await h.press(AVERY, 'membership.review', { application: id, decision: 'approve' });
    expect(cardText(done.value).join('\n')).toContain(
      'Review recorded: Gold Application Development approved.',
    );
    const m = (await t.app.store.repos.memberships.get(CONTOSO, 'membership'))?.doc;
    expect(m?.competencies).toContainEqual({ area: 'Application Development', tier: 'gold' });
    const told = await t.connector.waitFor(() =>
      t.connector.calls
        .slice(before)
        .find((c) => decodeURIComponent(c.path).includes(`a:personal-${DANA.aadObjectId}`)),
    );
    expect(String(told.body.text)).toContain(
      'The partner programme approved your application for Gold Application Development',
    );
    const again = await h.press(AVERY, 'membership.review', { application: id, decision: 'decline' });
    expect(cardText(again.value).join('\n')).toContain('That application has already been decided.');
    const refused = await h.press(DANA, 'membership.upgrade', { offer: 'actionPack' });
    expect(cardText(refused.value).join('\n')).toContain(
      'An organisation that holds a Competency cannot buy this.',
    );
  });

  it('the demo review can decline, with a reason shown on the card', async () => {
    const offer = 'competency:security:silver';
    await h.press(DANA, 'membership.upgrade', { offer, confirm: true });
    const id = (await t.app.store.repos.memberships.get(CONTOSO, 'membership'))?.doc.applications?.find(
      (a) => a.area === 'security',
    )?.id;
    const done = await h.press(AVERY, 'membership.review', { application: id, decision: 'decline' });
    const text = cardText(done.value).join('\n');
    expect(text).toContain('Review recorded: Silver Security declined.');
    expect(text).toContain('Reason: The demo review declined it (local mode).');
    const m = (await t.app.store.repos.memberships.get(CONTOSO, 'membership'))?.doc;
    expect(m?.competencies.some((c) => c.area === 'Security')).toBe(false);
  });

  it('renews for a year from the anniversary, once, even if Renew is pressed twice', async () => {
    const first = await h.press(AVERY, 'membership.renew', { expiresOn: '2027-01-03' });
    expect(cardText(first.value).join('\n')).toContain('Renewed: the membership now runs until Jan 3, 2028.');
    const again = await h.press(AVERY, 'membership.renew', { expiresOn: '2027-01-03' });
    expect(cardText(again.value).join('\n')).toContain(
      'It was already renewed: the membership now runs until Jan 3, 2028.',
    );
    const m = await t.app.store.repos.memberships.get(CONTOSO, 'membership');
    expect(m?.doc.expiresOn).toBe('2028-01-03');
  });

  it('never completes a review by hand outside local mode', async () => {
    const services = t.app.services as { mode: 'local' | 'configured' };
    const body = await (async () => {
      services.mode = 'configured';
      try {
        return await h.press(GALE, 'enroll.approve', {});
      } finally {
        services.mode = 'local';
      }
    })();
    expect(String(body.value)).toContain('only possible in the local demo');
    expect((await t.app.store.repos.memberships.get(FABRIKAM, 'membership'))?.doc.status).toBe('draft');
  });
});

describe('a membership past its anniversary: 30 days of "renew now", then lapsed', () => {
  let t: MemoryTestApp;
  const h = conversation(() => t, { wait: false, from: 'all' });
  const clock = fixedClock();
  // The demo data is loaded relative to FIXED_NOW: Contoso's anniversary is 40 days later
  // (Jan 3, 2027), so day 30 after it is 70 days later and day 31 is 71 days later.
  const daysAfterNow = (n: number) => new Date(FIXED_NOW.getTime() + n * DAY);
  beforeAll(async () => {
    t = await startMemoryApp({}, { clock });
  });
  afterAll(() => t.stop());
  const rolesOf = async (p: Person) =>
    (await t.app.store.repos.members.get(CONTOSO, memberId(p.aadObjectId)))?.doc.roles;
  const reveal = { benefitId: 'benefit:visio', productId: 'visio2021-pro', language: 'en-US', osType: 'x64' };

  it('on day 30 after the anniversary shows "renew now" on the membership card and the benefits summary', async () => {
    clock.set(daysAfterNow(70));
    const card = cardOf((await h.say(AVERY, 'membership'))[0]);
    const text = cardText(card).join('\n');
    expect(text).toContain('Status: Active: renew now (anniversary passed)');
    expect(text).toContain(
      'Renew now: the membership’s anniversary was Jan 3, 2027. Everything keeps working until Feb 2, 2027',
    );
    expect(cardButtons(card)).toContain('Renew until Jan 3, 2028');
    const summary = cardText(cardOf((await h.say(DANA, 'benefits'))[0])).join('\n');
    expect(summary).toContain('Renew now: the membership’s anniversary was Jan 3, 2027.');
  });

  it('on day 30 after the anniversary still lets an MPN partner admin reveal a key (benefit acts keep working)', async () => {
    clock.set(daysAfterNow(70));
    const body = await h.press(DANA, 'software.revealKeys', reveal);
    expect(JSON.stringify(body.value)).toContain('9H9QR-QY37J-PK23C-W8XQQ-X99GQ');
  });

  it('on day 31 refuses a benefit act (a key reveal) as lapsed, showing no key, and audits the denial', async () => {
    clock.set(daysAfterNow(71));
    const body = await h.press(DANA, 'software.revealKeys', reveal);
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(body.value)).toContain('Your organisation’s membership has lapsed');
    expect(JSON.stringify(body.value)).not.toContain('9H9QR');
    const denied = await t.app.store.repos.audit.list(CONTOSO, {
      where: { outcome: 'denied', action: 'software.revealKeys' },
    });
    expect(denied.map((d) => d.doc.detail)).toEqual(['membershipExpired']);
  });

  it('on day 31 still lets people read and manage roles, and says the membership lapsed', async () => {
    clock.set(daysAfterNow(71));
    const roles = cardOf((await h.say(BO, 'who are the admins'))[0]);
    expect(cardText(roles).join('\n')).toContain('Global admin: Avery Chen');
    const card = cardOf((await h.say(AVERY, 'membership'))[0]);
    const text = cardText(card).join('\n');
    expect(text).toContain('Status: Expired');
    expect(text).toContain('The membership lapsed: its anniversary was Jan 3, 2027');
    const body = await h.press(BO, 'roles.grant', { person: ELI.aadObjectId, role: 'AdminAgent' });
    expect(cardText(body.value).join('\n')).toContain('Eli Park now holds the Admin agent role.');
    expect(await rolesOf(ELI)).toEqual(['AdminAgent']);
  });
});
