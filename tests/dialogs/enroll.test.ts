import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { memberId } from '../../src/domain/model';
import type { AppStore } from '../../src/store';
import { message } from '../support/activities';
import { conversation, type Sent } from '../support/conversation';
import { ELI, FABRIKAM, GALE, type Person } from '../support/people';
import {
  cardButtons,
  cardOf,
  cardText,
  fixedClock,
  FIXED_NOW,
  startMemoryApp,
  startTestApp,
  type MemoryTestApp,
  type TestApp,
} from '../support/testApp';

const texts = (sent: Sent[]) => sent.map((a) => (typeof a.text === 'string' ? a.text : '')).filter(Boolean);
const cards = (sent: Sent[]) =>
  sent.map((a) => cardOf(a)).filter((c): c is Record<string, unknown> => Boolean(c));
const allText = (sent: Sent[]) => [...texts(sent), ...cards(sent).flatMap((c) => cardText(c))].join('\n');
/** The code a local-mode code card shows in bold. */
const shownCode = (sent: Sent[]) => /\*\*(\d{6})\*\*/.exec(allText(sent))?.[1];

const GOOD = {
  legalName: 'Fabrikam Solutions Ltd.',
  street: '88 Century Avenue',
  city: 'Shanghai',
  region: '',
  postalCode: '200120',
  country: 'China',
  contactName: 'Gale Ito',
  contactEmail: 'gale.ito@fabrikam.example',
};

/** A brand-new partner organisation whose first admin is made Global admin on first contact. */
const newcomer = (n: number): Person => ({
  name: `Jo Admin ${n}`,
  aadObjectId: `b0000000-0000-4000-8000-00000000010${n}`,
  tenantId: `d0c0ffee-0000-4000-8000-00000000010${n}`,
});
const NEW = [1, 2, 3, 4, 5, 6].map(newcomer);

/** Everything one person's turn made the bot send, in order, wherever it went. */
const driver = (t: TestApp<AppStore>) => conversation(t, { wait: false, from: 'all' });

describe('Gale enrols Fabrikam end to end, in Chinese', () => {
  let t: MemoryTestApp;
  let d: ReturnType<typeof driver>;
  beforeAll(async () => {
    t = await startMemoryApp();
    d = driver(t);
  });
  afterAll(() => t.stop());

  it('switches to Chinese when Gale asks, and remembers it', async () => {
    const sent = await d.say(GALE, '说中文');
    expect(texts(sent)).toEqual([expect.stringContaining('从现在起我用中文')]);
    const gale = await t.app.store.repos.members.get(FABRIKAM, memberId(GALE.aadObjectId));
    expect(gale?.doc.preferredLocale).toBe('zh-CN');
  });

  let code = '';
  it('shows the tenant from Teams and asks for the company details', async () => {
    const sent = await d.say(GALE, '注册');
    const card = cards(sent)[0];
    const text = cardText(card).join('\n');
    expect(text).toContain('为 Fabrikam Solutions 注册合作伙伴网络');
    expect(text).toContain(`Azure AD 租户: ${FABRIKAM}`);
    expect(text).toContain('注册人: Gale Ito（全局管理员）');
    expect(cardButtons(card)).toEqual(['继续']);
    expect((await t.app.store.repos.memberships.get(FABRIKAM, 'membership'))?.doc.status).toBe('draft');
  });

  it('saves the details and, in local mode, shows the confirmation code instead of e-mailing it', async () => {
    const sent = await d.submit(GALE, { enroll: 'details', ...GOOD });
    expect(texts(sent)).toContain('谢谢，公司和联系人信息已保存。');
    expect(allText(sent)).toContain('本地模式：不会发送电子邮件');
    code = shownCode(sent) ?? '';
    expect(code).toMatch(/^\d{6}$/);
    expect(cardButtons(cards(sent)[0])).toEqual(['确认', '重新发送确认码', '修改信息']);
    expect((await t.app.store.repos.memberships.get(FABRIKAM, 'membership'))?.doc.status).toBe(
      'awaitingEmailConfirmation',
    );
  });

  it('confirms the code and asks for the agreement', async () => {
    const sent = await d.submit(GALE, { enroll: 'code', code });
    expect(texts(sent)).toContain('谢谢，gale.ito@fabrikam.example 已确认。');
    const agreement = cardText(cards(sent)[0]).join('\n');
    expect(agreement).toContain('合作伙伴网络协议（版本 2026-01）');
  });

  it('records the agreement and offers to add Gale to the Admin agent group', async () => {
    const sent = await d.submit(GALE, { enroll: 'agreement', authority: 'true', accept: 'true' });
    expect(texts(sent)).toContain('Gale Ito 已接受协议（版本 2026-01）。');
    expect(cardButtons(cards(sent)[0])).toEqual(['添加我', '暂不']);
  });

  it('adds Gale as Admin agent (audited), sends the enrolment for review and shows the status', async () => {
    const sent = await d.submit(GALE, { enroll: 'addAdminAgent' });
    expect(texts(sent)).toEqual(
      expect.arrayContaining(['已完成：你现在已在管理员代理组中。', expect.stringContaining('已提交审核')]),
    );
    const status = cards(sent).at(-1);
    expect(cardText(status).join('\n')).toContain('状态: 审核中');
    expect(cardButtons(status)).toContain('标记审核完成（演示）');
    const gale = await t.app.store.repos.members.get(FABRIKAM, memberId(GALE.aadObjectId));
    expect(gale?.doc.roles).toEqual(['GlobalAdmin', 'AdminAgent']);
    const granted = await t.app.store.repos.audit.list(FABRIKAM, { where: { action: 'roles.grant' } });
    expect(granted.map((a) => a.doc.detail)).toEqual(['AdminAgent']);
  });

  it('completes the review in the local demo: the membership is active, at Action Pack level', async () => {
    const body = await d.press(GALE, 'enroll.approve', {});
    expect(body.statusCode).toBe(200);
    const text = cardText(body.value).join('\n');
    expect(text).toContain('状态: 有效');
    expect(text).toContain('级别: Action Pack 订阅');
    expect(text).toContain('审核完成');
    expect(text).toContain('帐户电子邮件: gale.ito@fabrikam.example');
  });

  it('refuses a second enrolment of the same tenant and says why', async () => {
    const sent = await d.say(GALE, '注册');
    expect(texts(sent).join('\n')).toContain('一个 Azure AD 租户只对应一个合作伙伴帐户');
  });

  it('never wrote the code into the logs', () => {
    expect(t.logs.text()).not.toContain(code);
  });
});

describe('enrolment: every validation failure says what is wrong and changes nothing it should not', () => {
  let t: MemoryTestApp;
  let d: ReturnType<typeof driver>;
  const clock = fixedClock();
  beforeAll(async () => {
    t = await startMemoryApp({ BOOTSTRAP_ADMINS: NEW.map((p) => p.aadObjectId).join(',') }, { clock });
    d = driver(t);
  });
  afterAll(() => t.stop());
  beforeEach(() => clock.set(FIXED_NOW));

  /** Enrols a new tenant up to the code card; returns the code shown. */
  const toCode = async (p: Person, email = `${p.name.split(' ')[0].toLowerCase()}@example-partner.com`) => {
    await d.say(p, 'enroll');
    const sent = await d.submit(p, { enroll: 'details', ...GOOD, contactEmail: email });
    return shownCode(sent) ?? '';
  };

  it('only lets a Global admin enrol, and names who can', async () => {
    const sent = await d.say(ELI, 'enroll');
    expect(texts(sent).join('\n')).toMatch(
      /enrol the organisation you need the Global admin role\. Avery Chen/,
    );
  });

  it('keeps the enrolment to a one-to-one chat', async () => {
    const sent = await d.send({
      ...message(NEW[0], 'enroll', { serviceUrl: t.connector.url, conversationId: '19:team@thread.tacv2' }),
      conversation: { id: '19:team@thread.tacv2', conversationType: 'channel', tenantId: NEW[0].tenantId },
    });
    expect(texts(sent).join('\n')).toContain('one-to-one chat');
  });

  it('rejects a bad e-mail and keeps what was typed', async () => {
    await d.say(NEW[0], 'enroll');
    const sent = await d.submit(NEW[0], {
      enroll: 'details',
      ...GOOD,
      contactEmail: 'gale.ito@',
      postalCode: '',
    });
    const text = cardText(cards(sent)[0]);
    expect(text).toEqual(
      expect.arrayContaining([
        'Please check these fields:',
        '• Postal code',
        '• The business e-mail must be a valid address, such as name@yourcompany.com.',
      ]),
    );
    const inputs = JSON.stringify(cards(sent)[0]);
    expect(inputs).toContain('"value":"gale.ito@"');
    expect(inputs).toContain('"value":"Fabrikam Solutions Ltd."');
    const saved = await t.app.store.repos.enrollments.get(NEW[0].tenantId, 'enrollment');
    expect(saved?.doc.contact).toBeUndefined();
  });

  it('warns about a free-mail address and goes on only when asked to', async () => {
    const sent = await d.submit(NEW[0], { enroll: 'details', ...GOOD, contactEmail: 'jo.admin@gmail.com' });
    expect(cardText(cards(sent)[0]).join('\n')).toContain(
      'jo.admin@gmail.com belongs to a free personal mail service',
    );
    expect(cardButtons(cards(sent)[0])).toEqual(['Change the address', 'Use it anyway']);
    const kept = await d.submit(NEW[0], { enroll: 'keepFreeMail' });
    expect(shownCode(kept)).toMatch(/^\d{6}$/);
  });

  it('says a wrong code is wrong and how many attempts are left', async () => {
    const code = await toCode(NEW[1]);
    const wrong = code === '000000' ? '111111' : '000000';
    const sent = await d.submit(NEW[1], { enroll: 'code', code: wrong });
    expect(allText(sent)).toContain('That code is not right. 4 attempt(s) left.');
    expect(allText(sent)).not.toContain(code);
    const typedText = await d.say(NEW[1], '12 34');
    expect(allText(typedText)).toContain('A confirmation code is 6 digits');
  });

  it('locks the code after five wrong attempts; a new code then works', async () => {
    const code = await toCode(NEW[2]);
    const wrong = code === '000000' ? '111111' : '000000';
    let sent: Sent[] = [];
    for (let i = 0; i < 5; i += 1) sent = await d.submit(NEW[2], { enroll: 'code', code: wrong });
    expect(allText(sent)).toContain('Too many wrong attempts');
    sent = await d.submit(NEW[2], { enroll: 'code', code });
    expect(allText(sent)).toContain('Too many wrong attempts');
    const fresh = shownCode(await d.submit(NEW[2], { enroll: 'resend' })) ?? '';
    sent = await d.submit(NEW[2], { enroll: 'code', code: fresh });
    expect(texts(sent)).toContain(`Thanks, jo@example-partner.com is confirmed.`);
  });

  it('refuses an expired code', async () => {
    const code = await toCode(NEW[3]);
    clock.set(new Date(FIXED_NOW.getTime() + 16 * 60_000));
    const sent = await d.submit(NEW[3], { enroll: 'code', code });
    expect(allText(sent)).toContain('That code has expired');
  });

  it('stops when the agreement is declined, keeps the details, and resumes at the agreement later', async () => {
    const code = await toCode(NEW[4]);
    await d.submit(NEW[4], { enroll: 'code', code });
    const oneTick = await d.submit(NEW[4], { enroll: 'agreement', authority: 'true', accept: 'false' });
    expect(allText(oneTick)).toContain('tick both boxes');
    const declined = await d.submit(NEW[4], { enroll: 'decline' });
    expect(texts(declined).join('\n')).toContain('Without the agreement the enrolment cannot go on');
    const membership = await t.app.store.repos.memberships.get(NEW[4].tenantId, 'membership');
    expect(membership?.doc.status).toBe('awaitingEmailConfirmation');
    const back = await d.say(NEW[4], 'enroll');
    expect(texts(back)).toContain('Welcome back: let’s carry on with the enrolment where you stopped.');
    expect(cardText(cards(back)[0]).join('\n')).toContain('Partner-network agreement (version 2026-01)');
    const refused = await t.app.store.repos.audit.list(NEW[4].tenantId, { where: { outcome: 'rejected' } });
    expect(refused.map((r) => r.doc.detail)).toContain('partner-network agreement 2026-01 declined');
  });

  it('can be cancelled with "取消" in the middle and resumed where it stopped', async () => {
    const code = await toCode(NEW[5]);
    const cancelled = await d.say(NEW[5], '取消', 'zh-CN');
    expect(texts(cancelled)).toEqual(['已取消，未做其他更改。']);
    const unrelated = await d.say(NEW[5], 'my roles');
    expect(cardText(cards(unrelated)[0])).toContain('Your roles');
    const back = await d.say(NEW[5], 'enroll');
    expect(texts(back)).toContain('Welcome back: let’s carry on with the enrolment where you stopped.');
    expect(allText(back)).toContain('A code was sent to jo@example-partner.com');
    const confirmed = await d.say(NEW[5], code);
    expect(texts(confirmed)).toContain('Thanks, jo@example-partner.com is confirmed.');
  });
});

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

describe('enrolment outside local mode', () => {
  it('hands the code to the configured VerificationSender and never shows it in chat', async () => {
    const sent: { to: string; code: string }[] = [];
    const t = await startMemoryApp(
      {},
      { verificationSender: { send: (m) => Promise.resolve(void sent.push({ to: m.to, code: m.code })) } },
    );
    const services = t.app.services as { mode: 'local' | 'configured' };
    services.mode = 'configured';
    try {
      const d = driver(t);
      await d.say(GALE, 'enroll');
      const reply = await d.submit(GALE, { enroll: 'details', ...GOOD });
      expect(sent).toEqual([{ to: 'gale.ito@fabrikam.example', code: expect.stringMatching(/^\d{6}$/) }]);
      expect(allText(reply)).toContain('I sent a 6-digit code to gale.ito@fabrikam.example');
      expect(allText(reply)).not.toContain(sent[0].code);
      expect(t.logs.text()).not.toContain(sent[0].code);
      const confirmed = await d.submit(GALE, { enroll: 'code', code: sent[0].code });
      expect(texts(confirmed)).toContain('Thanks, gale.ito@fabrikam.example is confirmed.');
    } finally {
      services.mode = 'local';
      await t.stop();
    }
  });
});

// On the Cosmos store (local server with its snapshot): what survives a restart is the store's doing.
describe('enrolment survives a bot restart', () => {
  it('resumes at the code step after the bot was stopped and started again on the same data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pbbot-restart-'));
    // Same database and same store endpoint as a restarted production bot would have (botbuilder-azure
    // keeps one state client per database for the whole process, so the endpoint must not move).
    const env = {
      COSMOS_DATABASE: `enrolrestart${process.pid}`,
      LOCAL_COSMOS_PORT: String(await freePort()),
    };
    const first = await startTestApp(env, {}, dataDir);
    let code = '';
    try {
      await driver(first).say(GALE, 'enroll');
      code = shownCode(await driver(first).submit(GALE, { enroll: 'details', ...GOOD })) ?? '';
      expect(code).toMatch(/^\d{6}$/);
    } finally {
      await first.stop();
    }
    const second = await startTestApp(env, {}, dataDir);
    try {
      // The dialog is still waiting for the code: no "enroll" needed.
      const sent = await driver(second).submit(GALE, { enroll: 'code', code });
      expect(texts(sent)).toContain('Thanks, gale.ito@fabrikam.example is confirmed.');
      expect(cardText(cards(sent)[0]).join('\n')).toContain('Partner-network agreement');
    } finally {
      await second.stop();
    }
  });
});
