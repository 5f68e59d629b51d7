import { inChannel, message } from '../../support/activities';
import { conversation } from '../../support/conversation';
import { CONTOSO, DANA, ELI, type Person } from '../../support/people';
import { cardOf, cardText, startMemoryApp, type MemoryTestApp } from '../../support/testApp';

const CHANNEL = { id: '19:benefits-channel@thread.tacv2', name: 'Benefits' };

describe('expiry reminders in a channel', () => {
  let t: MemoryTestApp;
  beforeAll(async () => {
    t = await startMemoryApp({ NOTIFY_RUN_SECRET: 'a-long-enough-secret-for-tests' });
  });
  afterAll(() => t.stop());
  const { lastReply } = conversation(() => t);
  const sayIn = (person: Person, text: string, channel = CHANNEL) =>
    lastReply(person, text, { wrap: (a) => inChannel(a, channel) });
  const channelPosts = () => t.connector.channelPosts().filter((p) => p.channelId === CHANNEL.id);

  it('refuses an employee who tries to turn reminders on', async () => {
    const reply = await sayIn(ELI, 'post expiry reminders here');
    expect(String(reply.text)).toContain('MPN partner admin');
    expect(await t.app.store.repos.noticeSubscriptions.list(CONTOSO)).toHaveLength(0);
  });

  it('says reminders belong in a channel when asked in a personal chat', async () => {
    const reply = await lastReply(DANA, 'post expiry reminders here');
    expect(String(reply.text)).toContain('team channel');
  });

  it('lets Dana turn them on in the channel and shows the thresholds and kinds', async () => {
    const card = cardOf(await sayIn(DANA, 'post expiry reminders here'));
    expect(cardText(card).join('\n')).toContain('30, 7, 1 days before');
    const subs = await t.app.store.repos.noticeSubscriptions.list(CONTOSO);
    expect(subs.map((s) => s.doc.conversationId)).toEqual([CHANNEL.id]);
  });

  it('posts the items expiring in 1, 7 and 30 days once, and a second run adds nothing', async () => {
    t.connector.clear();
    const res = await fetch(`${t.url}/api/notify/run`, {
      method: 'POST',
      headers: { authorization: 'Bearer a-long-enough-secret-for-tests' },
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { sent: number; failed: number };
    expect(report.failed).toBe(0);
    const texts = channelPosts().map((p) => cardText(cardOf(p.activity)).join(' | '));
    expect(
      texts.some((x) => x.includes('Dynamics 365 Sales Enterprise') && x.includes('Last day is tomorrow')),
    ).toBe(true);
    expect(texts.some((x) => x.includes('Azure monthly credit') && x.includes('Expires in 7 days'))).toBe(
      true,
    );
    expect(
      texts.some((x) => x.includes('Windows Server 2022 Datacenter') && x.includes('Expires in 30 days')),
    ).toBe(true);
    expect(texts).toHaveLength(report.sent);
    const again = (await (
      await fetch(`${t.url}/api/notify/run`, {
        method: 'POST',
        headers: { authorization: 'Bearer a-long-enough-secret-for-tests' },
      })
    ).json()) as { sent: number; skipped: number };
    expect(again.sent).toBe(0);
    expect(again.skipped).toBe(report.sent);
    expect(channelPosts()).toHaveLength(report.sent);
  });

  it('reports the last run on GET /api/notify/last, and refuses a wrong secret', async () => {
    const last = await fetch(`${t.url}/api/notify/last`, {
      headers: { authorization: 'Bearer a-long-enough-secret-for-tests' },
    });
    expect(((await last.json()) as { ran: boolean }).ran).toBe(true);
    const wrong = await fetch(`${t.url}/api/notify/run`, {
      method: 'POST',
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);
  });

  it('lets an admin run the check from chat', async () => {
    const reply = await sayIn(DANA, 'check expiry now');
    expect(String(reply.text)).toMatch(/Checked: 0 reminders sent, \d+ already sent earlier, 0 failed/);
  });

  it('disables the channel and tells Dana when the bot has been removed from it (403)', async () => {
    // Dana has a personal chat with the bot.
    await t.post(message(DANA, 'help', { serviceUrl: t.connector.url }));
    t.app.services.clock.now = () => new Date('2026-12-20T09:00:00Z'); // new thresholds are crossed
    t.connector.fault = (call) =>
      JSON.stringify(call.body).includes(CHANNEL.id) ? { status: 403, headers: {} } : undefined;
    const before = t.connector.calls.length;
    const report = await t.app.services.scanner.run();
    t.connector.fault = undefined;
    expect(report.disabledChannels).toBe(1);
    const sub = (await t.app.store.repos.noticeSubscriptions.list(CONTOSO))[0].doc;
    expect(sub.active).toBe(false);
    const told = t.connector.calls
      .slice(before)
      .find((c) => decodeURIComponent(c.path).includes(`a:personal-${DANA.aadObjectId}`));
    expect(String(told?.body.text)).toContain('stopped them');
  });
});

describe('the run endpoint', () => {
  it('does not exist without NOTIFY_RUN_SECRET', async () => {
    const t = await startMemoryApp();
    try {
      expect((await fetch(`${t.url}/api/notify/run`, { method: 'POST' })).status).toBe(404);
    } finally {
      await t.stop();
    }
  });
});
