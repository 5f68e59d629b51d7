import { digestPeriod } from '../../../src/notify/usageDigest';
import { conversation } from '../../support/conversation';
import { subscribeChannel } from '../../support/noticeTenant';
import { AVERY, CONTOSO, DANA, ELI, FABRIKAM, GALE } from '../../support/people';
import { startStoreProcess, type StoreProcess } from '../../support/storeProcess';
import {
  cardButtons,
  cardOf,
  cardText,
  startMemoryApp,
  startTestApp,
  type MemoryTestApp,
  type TestApp,
} from '../../support/testApp';

const CHANNEL = '19:usage-digest@thread.tacv2';
const FABRIKAM_CHANNEL = '19:usage-fabrikam@thread.tacv2';

/** Every element of the card of this type, wherever it sits. */
function elements(card: unknown, type: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === type) out.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

describe('the usage report in chat', () => {
  let t: MemoryTestApp;
  const { lastReply } = conversation(() => t);
  beforeAll(async () => {
    t = await startMemoryApp();
  });
  afterAll(() => t.stop());

  it('draws the seats as a donut chart with the same figures as text for clients without charts', async () => {
    const card = cardOf(await lastReply(DANA, 'usage report'));
    const [donut] = elements(card, 'Chart.Donut');
    expect(donut.title).toBe('Visual Studio Enterprise');
    expect(donut.data).toEqual([
      { legend: 'Used', value: 2, color: 'categoricalBlue' },
      { legend: 'Free', value: 8, color: 'categoricalLavender' },
    ]);
    expect(donut.fallback).toMatchObject({
      type: 'TextBlock',
      text: 'Visual Studio Enterprise: 2 used, 8 free of 10',
    });
  });

  it('lists the value at risk with a button only for what the viewer may do', async () => {
    const dana = cardOf(await lastReply(DANA, 'usage report'));
    const avery = cardOf(await lastReply(AVERY, 'usage report'));
    const text = cardText(dana).join('\n');
    expect(text).toContain('Value at risk');
    expect(text).toMatch(/never activated/);
    // Assigning seats is the Global admin's; Dana (MPN partner admin) gets no such button.
    expect(cardButtons(dana)).not.toContain('Assign a seat');
    expect(cardButtons(avery).length).toBeGreaterThanOrEqual(cardButtons(dana).length);
  });

  it('shows each tenant only its own figures', async () => {
    const contoso = cardText(cardOf(await lastReply(DANA, 'usage report'))).join('\n');
    const fabrikam = cardText(cardOf(await lastReply(GALE, 'usage report'))).join('\n');
    expect(contoso).toContain('Visual Studio Enterprise: 2 used, 8 free of 10');
    expect(fabrikam).not.toContain('Visual Studio Enterprise: 2 used');
  });

  it('refuses an employee', async () => {
    const reply = await lastReply(ELI, 'usage report');
    expect(cardOf(reply)).toBeUndefined();
    expect(String(reply.text)).toContain('MPN partner admin');
  });

  it('lets an admin switch the channel digest to monthly or off, and refuses a bad word', async () => {
    expect(String((await lastReply(DANA, 'usage digest sometimes')).text)).toContain('usage digest weekly');
    expect(String((await lastReply(DANA, 'usage digest monthly')).text)).toContain('every month');
    expect((await t.app.services.directory.tenant(CONTOSO))?.usageDigest).toBe('monthly');
    // Written in Chinese, answered in Chinese.
    expect(String((await lastReply(DANA, '使用情况摘要 关闭')).text)).toContain('不再收到使用情况摘要');
    expect((await t.app.services.directory.tenant(CONTOSO))?.usageDigest).toBe('off');
  });
});

// Two bot instances on one shared store process: keeps the Cosmos store (one digest per channel across instances).
describe('the usage digest in channels', () => {
  let store: StoreProcess;
  let one: TestApp;
  let two: TestApp;
  const posts = (channel: string) =>
    [...one.connector.channelPosts(), ...two.connector.channelPosts()].filter(
      (p) =>
        p.channelId === channel &&
        /^(Benefits usage|权益使用情况)/.test(cardText(cardOf(p.activity))[0] ?? ''),
    );

  beforeAll(async () => {
    store = await startStoreProcess();
    const env = { COSMOS_ENDPOINT: store.endpoint, COSMOS_DATABASE: 'usage-shared' };
    one = await startTestApp(env);
    two = await startTestApp(env);
    const channel = { admin: AVERY.aadObjectId, channelName: 'Usage' };
    await subscribeChannel(one.app.store.repos, {
      ...channel,
      tenantId: CONTOSO,
      conversationId: CHANNEL,
      serviceUrl: one.connector.url,
    });
    await subscribeChannel(one.app.store.repos, {
      ...channel,
      tenantId: FABRIKAM,
      conversationId: FABRIKAM_CHANNEL,
      serviceUrl: two.connector.url,
    });
  }, 60_000);
  afterAll(async () => {
    await one?.stop();
    await two?.stop();
    await store?.stop();
  });

  it('names the week by its Monday and the month by itself', () => {
    expect(digestPeriod('weekly', new Date('2026-11-24T09:00:00Z'))).toBe('week-2026-11-23');
    expect(digestPeriod('weekly', new Date('2026-11-29T23:00:00Z'))).toBe('week-2026-11-23');
    expect(digestPeriod('weekly', new Date('2026-11-30T00:00:00Z'))).toBe('week-2026-11-30');
    expect(digestPeriod('monthly', new Date('2026-11-24T09:00:00Z'))).toBe('month-2026-11');
  });

  it('is posted once per channel and week, however many instances run at once', async () => {
    await Promise.all([one.app.services.usageDigests.run(), two.app.services.usageDigests.run()]);
    await Promise.all([one.app.services.usageDigests.run(), two.app.services.usageDigests.run()]);
    expect(posts(CHANNEL)).toHaveLength(1);
    expect(posts(FABRIKAM_CHANNEL)).toHaveLength(1);
    const contoso = cardText(cardOf(posts(CHANNEL)[0].activity)).join('\n');
    expect(contoso).toContain('Benefits usage, week of Nov 23, 2026');
    expect(contoso).toContain('Visual Studio Enterprise: 2 used, 8 free of 10');
    // Fabrikam's channel gets its own digest in its own language, with nothing of Contoso's figures.
    const fabrikam = cardText(cardOf(posts(FABRIKAM_CHANNEL)[0].activity)).join('\n');
    expect(fabrikam).toContain('权益使用情况');
    expect(fabrikam).not.toContain('Visual Studio Enterprise');
  });

  it('is posted again the next week, once', async () => {
    const next = new Date('2026-12-01T09:00:00Z');
    one.app.services.clock.now = () => next;
    two.app.services.clock.now = () => next;
    await Promise.all([one.app.services.usageDigests.run(), two.app.services.usageDigests.run()]);
    expect(posts(CHANNEL)).toHaveLength(2);
  });

  it('is not posted for a tenant that turned it off', async () => {
    await one.app.services.directory.updateTenant(CONTOSO, (t) => ({ ...t, usageDigest: 'off' }));
    const later = new Date('2026-12-08T09:00:00Z');
    one.app.services.clock.now = () => later;
    two.app.services.clock.now = () => later;
    await Promise.all([one.app.services.usageDigests.run(), two.app.services.usageDigests.run()]);
    expect(posts(CHANNEL)).toHaveLength(2);
    expect(posts(FABRIKAM_CHANNEL)).toHaveLength(3);
  });
});
