import * as fc from 'fast-check';
import { CATALOGUES } from '../../src/i18n';
import { cardAction, message, submit } from '../support/activities';
import { AVERY, CONTOSO, type Person } from '../support/people';
import { cardActions, cardOf, startMemoryApp, type MemoryTestApp } from '../support/testApp';

/**
 * Issue 15, property: random sequences of commands, answers, questions and button presses, sent
 * through the real app as a fresh employee each run. After every turn:
 * 1. the bot replied (a message in the person's chat, or an invoke answer);
 * 2. if a conversation is waiting for an answer, the last thing the turn showed is that question;
 * 3. a seat request appears only in the turn that answers the visible "what do you need it for?",
 *    in a conversation started by an exact command or a pressed Yes, never from free text alone.
 *
 * Seed fixed, overridable: CONVERSATION_SEED=123 CONVERSATION_RUNS=500 npx jest tests/bot/conversationProperty.
 */
const SEED = Number(process.env.CONVERSATION_SEED ?? '15');
const RUNS = Number(process.env.CONVERSATION_RUNS ?? '120');

type Sent = Record<string, unknown>;
type Step =
  | { kind: 'command'; text: string; locale: string }
  | { kind: 'question'; text: string; locale: string }
  | { kind: 'freeText'; text: string; locale: string }
  | { kind: 'answer'; text: string; locale: string }
  | { kind: 'pressYes' }
  | { kind: 'pressNo' }
  | { kind: 'pressCard' };

const COMMANDS: [string, string][] = [
  ['request visual studio', 'en-US'],
  ['申请 visual studio', 'zh-CN'],
  ['help', 'en-US'],
  ['帮助', 'zh-CN'],
  ['benefits', 'en-US'],
  ['seats', 'en-US'],
  ['cancel', 'en-US'],
  ['取消', 'zh-CN'],
  ['my requests', 'en-US'],
  ['membership', 'en-US'],
];
const QUESTIONS: [string, string][] = [
  ['how many VS seats do we have left?', 'en-US'],
  ['when does our membership expire?', 'en-US'],
  ['how many seats are free', 'en-US'],
  ["what's our partner ID?", 'en-US'],
  ['who can reveal product keys?', 'en-US'],
  ['还剩几个席位', 'zh-CN'],
  ['会员资格什么时候到期', 'zh-CN'],
  ['who has a visual studio seat?', 'en-US'],
];
const FREE_TEXT: [string, string][] = [
  ['i need a visual studio enterprise seat', 'en-US'],
  ['can I get a VS licence?', 'en-US'],
  ['我想申请 Visual Studio', 'zh-CN'],
  ['give me visual studio please', 'en-US'],
];
const ANSWERS: [string, string][] = [
  ['Building demos for a customer', 'en-US'],
  ['为客户开发示例', 'zh-CN'],
  ['yes', 'en-US'],
  ['ok', 'en-US'],
];

const pick = (
  list: [string, string][],
  kind: 'command' | 'question' | 'freeText' | 'answer',
): fc.Arbitrary<Step> => fc.constantFrom(...list).map(([text, locale]): Step => ({ kind, text, locale }));
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: pick(COMMANDS, 'command'), weight: 4 },
  { arbitrary: pick(QUESTIONS, 'question'), weight: 3 },
  { arbitrary: pick(FREE_TEXT, 'freeText'), weight: 2 },
  { arbitrary: pick(ANSWERS, 'answer'), weight: 4 },
  {
    arbitrary: fc
      .string({ minLength: 1, maxLength: 30 })
      .filter((s) => /\p{L}/u.test(s))
      .map((text): Step => ({ kind: 'answer', text, locale: 'en-US' })),
    weight: 1,
  },
  { arbitrary: fc.constant<Step>({ kind: 'pressYes' }), weight: 3 },
  { arbitrary: fc.constant<Step>({ kind: 'pressNo' }), weight: 1 },
  { arbitrary: fc.constant<Step>({ kind: 'pressCard' }), weight: 1 },
);

/** Every question a dialog can leave waiting, in both languages. */
const PROMPTS = (['en-US', 'zh-CN'] as const).flatMap((l) =>
  (
    [
      'seats.ask.justification',
      'seats.ask.justificationRetry',
      'seats.ask.pool',
      'seats.ask.person',
      'seats.ask.filter',
    ] as const
  ).map((k) => CATALOGUES[l][k]),
);
const JUSTIFICATION = (['en-US', 'zh-CN'] as const).flatMap((l) => [
  CATALOGUES[l]['seats.ask.justification'],
  CATALOGUES[l]['seats.ask.justificationRetry'],
]);

describe('property: the conversation never surprises', () => {
  let t: MemoryTestApp;
  let runNo = 0;
  const figures = { runs: 0, turns: 0, requestsFiled: 0, confirmationsShown: 0, openQuestions: 0 };

  beforeAll(async () => {
    t = await startMemoryApp();
    await t.post(message(AVERY, 'help', { serviceUrl: t.connector.url }));
  });
  afterAll(async () => {
    console.log(
      `conversation property: seed ${SEED}, ${figures.runs} runs, ${figures.turns} turns, ` +
        `${figures.openQuestions} turns ending on an open question, ` +
        `${figures.confirmationsShown} confirmations shown, ${figures.requestsFiled} requests filed`,
    );
    await t.stop();
  });

  const chatOf = (p: Person) => `a:personal-${p.aadObjectId}`;
  const sentTo = (p: Person): Sent[] =>
    t.connector.calls
      .filter((c) => c.method === 'POST' && decodeURIComponent(c.path).includes(`${chatOf(p)}/`))
      .map((c) => c.body);
  const dialogStack = async (p: Person): Promise<unknown[]> => {
    const key = `msteams/conversations/${chatOf(p)}/`;
    const state = (await t.app.store.state.read([key]))[key] as
      { dialogState?: { dialogStack?: unknown[] } } | undefined;
    return state?.dialogState?.dialogStack ?? [];
  };
  const requestsOf = async (p: Person) =>
    (await t.app.store.repos.seatRequests.list(CONTOSO)).filter((r) => r.doc.requester === p.aadObjectId)
      .length;
  const isPrompt = (a: Sent | undefined): boolean => {
    if (!a) return false;
    const text = typeof a.text === 'string' ? a.text : '';
    const hero = ((a.attachments ?? []) as { contentType: string }[]).some(
      (x) => x.contentType === 'application/vnd.microsoft.card.hero',
    );
    return hero || PROMPTS.some((p) => text.includes(p));
  };
  const asksWhy = (a: Sent | undefined) =>
    typeof a?.text === 'string' && JUSTIFICATION.some((j) => (a.text as string).includes(j));

  it(`holds for ${RUNS} random conversations (seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        runNo += 1;
        figures.runs += 1;
        const person: Person = {
          name: `Prop Person ${runNo}`,
          aadObjectId: `e0000000-0000-4000-8000-${String(500000 + runNo).padStart(12, '0')}`,
          tenantId: CONTOSO,
        };
        const opts = (locale = 'en-US') => ({ serviceUrl: t.connector.url, locale });
        let confirm: { yes?: Record<string, unknown>; no?: Record<string, unknown> } = {};
        // Whether the visible question right now is "what do you need it for?", and whether that
        // conversation was started by an exact command or a pressed Yes.
        let askingWhy = false;
        let startedExplicitly = false;
        for (const s of steps) {
          figures.turns += 1;
          const before = sentTo(person).length;
          const requestsBefore = await requestsOf(person);
          let activity: Sent;
          let explicitStart = false;
          if (s.kind === 'pressYes' || s.kind === 'pressNo') {
            const data = s.kind === 'pressYes' ? confirm.yes : confirm.no;
            activity = data ? submit(person, data, opts()) : message(person, 'help', opts());
            explicitStart = true;
          } else if (s.kind === 'pressCard') {
            const res = await t.post(
              cardAction(person, 'benefits.category', { category: 'software' }, opts()),
            );
            expect(res.status).toBe(200);
            expect((res.body as { value?: unknown }).value).toBeDefined();
            expect(await requestsOf(person)).toBe(requestsBefore);
            continue;
          } else {
            activity = message(person, s.text, opts(s.locale));
            explicitStart = s.kind === 'command';
          }
          const res = await t.post(activity);
          expect(res.status).toBe(200);
          // 1. Every message gets a reply.
          const replies = await t.connector.waitFor(
            () => (sentTo(person).length > before ? sentTo(person).slice(before) : undefined),
            2000,
          );
          expect(replies.length).toBeGreaterThan(0);
          const last = replies.at(-1);
          // 2. A conversation waiting for an answer shows its question last.
          const stack = await dialogStack(person);
          if (stack.length > 0) {
            figures.openQuestions += 1;
            expect([s, isPrompt(last)]).toEqual([s, true]);
          }
          // 3. A request only as the answer to the visible question of an explicitly started conversation.
          const filed = (await requestsOf(person)) - requestsBefore;
          if (filed > 0) {
            figures.requestsFiled += filed;
            expect([s, askingWhy, startedExplicitly]).toEqual([s, true, true]);
            expect(s.kind).toBe('answer');
          }
          const nowAsks = stack.length > 0 && asksWhy(last);
          if (nowAsks && !askingWhy) startedExplicitly = explicitStart;
          // Free text and questions never start the conversation themselves.
          if (nowAsks && !askingWhy) expect([s, explicitStart]).toEqual([s, true]);
          askingWhy = nowAsks;
          const card = replies.map((r) => cardOf(r)).find((c) => c !== undefined);
          const actions = cardActions(card);
          const yes = actions.find((a) => a.title === 'Yes' || a.title === '是');
          const no = actions.find((a) => a.title === 'No' || a.title === '否');
          if (yes) figures.confirmationsShown += 1;
          confirm = yes ? { yes: yes.data, no: no?.data } : {};
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 600_000);
});
