import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REASSIGN_AFTER_DAYS } from '../../src/domain/seats';
import { CATALOGUES } from '../../src/i18n';
import { inChannel } from '../support/activities';
import { conversation, type Sent } from '../support/conversation';
import { AVERY, CONTOSO, ELI, type Person } from '../support/people';
import { seedWithOnePool } from '../support/seedFixtures';
import {
  cardActions,
  cardButtons,
  cardOf,
  cardText,
  startMemoryApp,
  type MemoryTestApp,
} from '../support/testApp';

const EN = CATALOGUES['en-US'];
const ZH = CATALOGUES['zh-CN'];
const ROOT = path.resolve(__dirname, '..', '..');

describe('asking in your own words, in English or Chinese', () => {
  let t: MemoryTestApp;
  const { say, submit } = conversation(() => t);
  const text = (replies: Sent[]) => replies.map((r) => (typeof r.text === 'string' ? r.text : '')).join('\n');
  const cards = (replies: Sent[]) => replies.map((r) => cardOf(r)).filter((c) => c !== undefined);
  /** The confirmation card's buttons ("Do you want to…?" Yes / No) as title → what they send. */
  const confirmation = (replies: Sent[]) => {
    const card = cards(replies)[0];
    const actions = cardActions(card);
    return { question: cardText(card).join('\n'), actions };
  };
  /** Presses the confirmation's first button (Yes) as the same person, in the same place. */
  const pressYes = async (person: Person, replies: Sent[], locale = 'en-US', wrap = (a: Sent) => a) =>
    submit(person, confirmation(replies).actions[0]?.data ?? {}, { locale, wrap });
  const newcomer = (n: number): Person => ({
    name: `Newcomer ${n}`,
    aadObjectId: `e0000000-0000-4000-8000-0000000009${String(n).padStart(2, '0')}`,
    tenantId: CONTOSO,
  });

  beforeAll(async () => {
    t = await startMemoryApp({ SEED_FILE: seedWithOnePool() });
    // Avery (Global admin) has a personal chat with the bot, so seat requests reach an approver.
    await say(AVERY, 'help');
  });
  afterAll(() => t.stop());

  it('starts the seat request in Chinese when an employee writes "我需要一个 Visual Studio 许可证"', async () => {
    // A new employee whose Teams client is in English: the words written decide the language.
    const employee = newcomer(2);
    const asked = await say(employee, '我需要一个 Visual Studio 许可证');
    // Free text never starts a request by itself: the bot asks first, in the language written.
    expect(confirmation(asked).question).toContain(ZH['understand.confirm.requestSeat']);
    expect(confirmation(asked).actions.map((a) => a.title)).toEqual([
      ZH['understand.confirm.yes'],
      ZH['understand.confirm.no'],
    ]);
    expect(await t.app.store.repos.seatRequests.list(CONTOSO)).toHaveLength(0);
    const ask = await pressYes(employee, asked);
    expect(text(ask)).toContain(ZH['seats.ask.justification']);
    const done = await say(employee, '为客户开发 Azure 迁移示例');
    expect(text(done)).toContain('已发送给审批人');
    const requests = await t.app.store.repos.seatRequests.list(CONTOSO);
    expect(requests.map((r) => r.doc.requester)).toContain(employee.aadObjectId);
  });

  it('starts the seat request in English for "can I get a VS licence?", and "cancel" still stops it', async () => {
    const asked = await say(ELI, 'can I get a VS licence?');
    expect(confirmation(asked).question).toContain(EN['understand.confirm.requestSeat']);
    expect(text(await pressYes(ELI, asked))).toContain(EN['seats.ask.justification']);
    expect(text(await say(ELI, 'cancel'))).toContain(EN['dialog.cancelled']);
  });

  it('asks which was meant, with buttons, when a message could mean two things', async () => {
    const replies = await say(ELI, 'keys');
    expect(text(replies)).toContain(EN['understand.clarify.text']);
    const card = cards(replies)[0];
    expect(cardText(card)).toContain(EN['understand.clarify.title']);
    expect(cardButtons(card)).toEqual(
      expect.arrayContaining([
        EN['understand.intent.softwareKeys'],
        EN['understand.intent.redeemKey'],
        EN['understand.intent.help'],
      ]),
    );
    // Pressing a suggestion leads where it says: the software category of the benefits.
    const action = cardActions(card).find((a) => a.title === EN['understand.intent.softwareKeys']);
    const pressed = await submit(ELI, action?.data ?? {});
    expect(cardText(cards(pressed)[0]).join('\n')).toContain('Software');
  });

  it('asks in Chinese too, and still says it did not understand what means nothing here', async () => {
    const zh = await say(ELI, '我想了解一下许可证', 'zh-CN');
    expect(text(zh)).toBe(ZH['understand.clarify.text']);
    expect(cardButtons(cards(zh)[0])).toEqual(
      expect.arrayContaining([ZH['understand.intent.requestSeat'], ZH['understand.intent.redeemKey']]),
    );
    expect(text(await say(ELI, 'order pizza'))).toBe(EN['unknown.text']);
  });

  it('answers "how long before I can reassign a seat?" with the rule’s number of days', async () => {
    const card = cards(await say(ELI, 'how long before I can reassign a seat?'))[0];
    const words = cardText(card).join('\n');
    expect(words).toContain(EN['faq.question.reassignSeat']);
    expect(words).toContain(`${REASSIGN_AFTER_DAYS} days`);
    const zh = cardText(cards(await say(ELI, '席位要等多久才能给别人？', 'zh-CN'))[0]).join('\n');
    expect(zh).toContain(`${REASSIGN_AFTER_DAYS} 天`);
  });

  it('answers a role question for the act asked about, with only the buttons the person may use', async () => {
    const card = cards(await say(ELI, 'which role do I need to reveal software keys?'))[0];
    expect(cardText(card).join('\n')).toContain(
      'To reveal software product keys you need the Global admin or MPN partner admin role.',
    );
    expect(cardButtons(card)).toEqual(['who are the admins', 'my roles']);
  });

  it('never lets a recognised request skip the policy table', async () => {
    const replies = await say(ELI, 'please assign a visual studio seat to Fang Wu');
    expect(text(replies)).toContain('Global admin');
    const denied = await t.app.store.repos.audit.list(CONTOSO, {
      where: { action: 'seat.assign', outcome: 'denied' },
    });
    expect(denied.map((a) => a.doc.actor)).toContain(ELI.aadObjectId);
  });

  it('switches language when asked in so many words, and remembers it', async () => {
    const person = newcomer(1);
    expect(text(await say(person, 'could you please talk to me in Chinese'))).toBe(ZH['language.now']);
    expect(
      (await t.app.store.repos.members.get(CONTOSO, `member:${person.aadObjectId}`))?.doc.preferredLocale,
    ).toBe('zh-CN');
    expect(cardText(cards(await say(person, 'what can you do'))[0])).toContain(ZH['help.title']);
    expect(text(await say(person, '以后请用英文跟我交流'))).toBe(EN['language.now']);
    // The explicit choice wins over the language a message is written in.
    expect(cardText(cards(await say(person, '你能做什么'))[0])).toContain(EN['help.title']);
  });

  it('explains that reminders belong in a channel, and sets them up when asked in one', async () => {
    expect(text(await say(AVERY, 'send us a reminder before anything expires'))).toBe(
      EN['understand.notifications.channelOnly'],
    );
    const channel = { id: '19:understand-test@thread.tacv2', name: 'Benefits' };
    const asked = await say(AVERY, 'please remind this channel before things expire', {
      wrap: (a) => inChannel(a, channel),
    });
    expect(confirmation(asked).question).toContain(EN['understand.confirm.notifications']);
    expect(await t.app.store.repos.noticeSubscriptions.list(CONTOSO)).toHaveLength(0);
    await pressYes(AVERY, asked, 'en-US', (a) => inChannel(a, channel));
    const subs = await t.app.store.repos.noticeSubscriptions.list(CONTOSO);
    expect(subs.map((s) => s.doc.conversationId)).toContain(channel.id);
  });

  it('understands every command title of the Teams command menu, in English and Chinese', async () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'manifest/manifest.template.json'), 'utf8')) as {
      bots: { commandLists: { commands: { title: string }[] }[] }[];
    };
    const zh = JSON.parse(readFileSync(path.join(ROOT, 'manifest/zh-cn.json'), 'utf8')) as Record<
      string,
      string
    >;
    const titles = [
      ...manifest.bots[0].commandLists.flatMap((l) => l.commands.map((c) => [c.title, 'en-US'] as const)),
      ...Object.entries(zh)
        .filter(([key]) => /^bots\[0\]\.commandLists\[\d+\]\.commands\[\d+\]\.title$/.test(key))
        .map(([, title]) => [title, 'zh-CN'] as const),
    ];
    expect(titles.length).toBeGreaterThanOrEqual(20);
    const notUnderstood = [
      EN['unknown.text'],
      ZH['unknown.text'],
      EN['understand.clarify.text'],
      ZH['understand.clarify.text'],
    ];
    for (const [title, locale] of titles) {
      const replies = await say(AVERY, title, locale);
      expect([
        title,
        replies.length > 0 && replies.every((r) => !notUnderstood.includes(String(r.text))),
      ]).toEqual([title, true]);
      // Leave no conversation open for the next title.
      await say(AVERY, locale === 'zh-CN' ? '取消' : 'cancel', locale);
    }
  }, 120_000);
});
