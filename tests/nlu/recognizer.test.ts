import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { CORPORA, trainingExamples } from '../../src/nlu/corpus';
import {
  CONFIDENCE_THRESHOLD,
  FAQ_TOPICS,
  INTENTS,
  intentOf,
  recognize,
  trainedModel,
  type Recognition,
} from '../../src/nlu';
import { normalizeText } from '../../src/nlu/zh';
import { CATALOGUES } from '../../src/i18n';
import { faq } from '../../src/features/faq/messages';
import evaluation from './evaluation.json';

const ROOT = path.resolve(__dirname, '..', '..');
type Locale = keyof typeof evaluation;
/** Labels are intents, or `faq.<topic>` for rule questions (the topic must be right too). */
const items = (Object.entries(evaluation) as [Locale, Record<string, string[]>][]).flatMap(
  ([locale, byLabel]) =>
    Object.entries(byLabel).flatMap(([label, texts]) => texts.map((text) => ({ locale, label, text }))),
);
/** How two utterances are compared: width, case, spacing and punctuation do not make them different. */
const same = (text: string) =>
  normalizeText(text)
    .replace(/[\s\p{P}]+/gu, ' ')
    .trim();
const labelOf = (r: Recognition) => (r.intent === 'faq' ? `faq.${r.entities.topic ?? '?'}` : r.intent);

describe('the recogniser', () => {
  beforeAll(async () => {
    await trainedModel();
  });

  it('trains fast, once per process, and says how long it took', async () => {
    const model = await trainedModel();
    console.log(`recogniser: ${model.examples} training utterances, trained in ${model.trainingMs} ms`);
    expect(model.trainingMs).toBeLessThan(15_000);
    expect(await trainedModel()).toBe(model);
  });

  it('keeps an evaluation set of at least 150 utterances in both languages, all unseen in training', () => {
    expect(items.length).toBeGreaterThanOrEqual(150);
    for (const locale of ['en-US', 'zh-CN'] as const) {
      expect(items.filter((i) => i.locale === locale).length).toBeGreaterThanOrEqual(75);
    }
    const trained = new Set(
      Object.values(CORPORA).flatMap((c) => trainingExamples(c).map((e) => same(e.utterance))),
    );
    expect(items.filter((i) => trained.has(same(i.text))).map((i) => i.text)).toEqual([]);
    const labels = new Set(items.map((i) => i.label.replace(/^faq\..*/, 'faq')));
    expect([...labels].sort()).toEqual([...INTENTS].sort());
  });

  it('understands at least 90% of the evaluation set, and reports what it confuses', async () => {
    const confusions = new Map<string, string[]>();
    let right = 0;
    for (const item of items) {
      const got = labelOf(await recognize(item.text));
      if (got === item.label) right += 1;
      else
        confusions.set(`${item.label} → ${got}`, [
          ...(confusions.get(`${item.label} → ${got}`) ?? []),
          item.text,
        ]);
    }
    const accuracy = right / items.length;
    const report = [...confusions.entries()]
      .sort((a, b) => b[1].length - a[1].length)
      .map(
        ([pair, texts]) => `  ${pair} ×${texts.length}: ${texts.map((t) => JSON.stringify(t)).join(', ')}`,
      );
    console.log(
      `recogniser accuracy ${(accuracy * 100).toFixed(1)}% (${right}/${items.length})\nconfusion pairs (expected → got):\n${report.join('\n') || '  none'}`,
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('gives the same intent and confidence without the entities (what a waiting dialog asks)', async () => {
    for (const { locale, text } of items) {
      const full = await recognize(text, locale);
      expect({ text, ...(await intentOf(text, locale)) }).toEqual({
        text,
        intent: full.intent,
        score: full.score,
      });
    }
  });

  it('reads the ticket examples, mixed languages and typos', async () => {
    const cases: [string, string][] = [
      ['我需要一个 Visual Studio 许可证', 'requestSeat'],
      ['can I get a VS licence?', 'requestSeat'],
      ['我们有哪些权益', 'listBenefits'],
      ['我想申请 Visual Studio', 'requestSeat'],
      ['can i get a visual stuido licnese', 'requestSeat'],
      ['how long before I can reassign a seat?', 'faq.reassignSeat'],
    ];
    for (const [text, label] of cases) {
      const r = await recognize(text);
      expect([text, labelOf(r)]).toEqual([text, label]);
      expect(r.score).toBeGreaterThanOrEqual(CONFIDENCE_THRESHOLD);
    }
  });

  it('picks the model by the script of the text, whatever the client locale', async () => {
    expect((await recognize('我需要 VS', 'en-US')).language).toBe('zh-CN');
    expect((await recognize('show my benefits', 'zh-CN')).language).toBe('en-US');
    expect((await recognize('42', 'zh-CN')).language).toBe('zh-CN');
  });

  it('finds the product, pool, category and person named', async () => {
    expect((await recognize('i need VS enterprise for a project')).entities).toMatchObject({
      product: 'visualStudio',
      pool: 'enterprise',
    });
    expect((await recognize('我想申请 VS 专业版')).entities).toMatchObject({ pool: 'professional' });
    expect((await recognize('show our go-to-market benefits')).entities.category).toBe('gtm');
    expect((await recognize('assign a visual studio seat to Fang Wu')).entities.person).toBe('Fang Wu');
    expect((await recognize('给王芳分配一个席位')).entities.person).toBe('王芳');
  });

  it('recognises every suggestion it offers and every FAQ question as what it stands for', async () => {
    for (const locale of ['en-US', 'zh-CN'] as const) {
      const cat = CATALOGUES[locale];
      for (const [intent, key] of [
        ['softwareKeys', 'understand.phrase.softwareKeys'],
        ['azureCredits', 'understand.phrase.azureCredits'],
        ['redeemKey', 'understand.phrase.redeemKey'],
      ] as const) {
        const r = await recognize(cat[key]);
        expect([cat[key], r.intent]).toEqual([cat[key], intent]);
        expect(r.score).toBeGreaterThanOrEqual(CONFIDENCE_THRESHOLD);
      }
      for (const topic of FAQ_TOPICS) {
        const question = faq[locale][`faq.question.${topic}`];
        const r = await recognize(question);
        expect([question, labelOf(r)]).toEqual([question, `faq.${topic}`]);
        expect(r.score).toBeGreaterThanOrEqual(CONFIDENCE_THRESHOLD);
      }
    }
  });
});

describe('the clarifying question', () => {
  it('is what a message torn between two meanings gets: low confidence, both meanings offered', async () => {
    const r = await recognize('keys');
    expect(r.score).toBeLessThan(CONFIDENCE_THRESHOLD);
    expect([r.intent, ...r.alternatives.map((a) => a.intent)]).toEqual(
      expect.arrayContaining(['softwareKeys', 'redeemKey']),
    );
  });

  it('is not asked of a clear request', async () => {
    expect((await recognize('please assign a visual studio seat to Eli')).score).toBeGreaterThanOrEqual(
      CONFIDENCE_THRESHOLD,
    );
  });
});

describe('language switching', () => {
  it.each([
    ['could you talk with me in chinese', 'zh-CN'],
    ['please reply in English', 'en-US'],
    ['以后请用英文跟我交流', 'en-US'],
    ['请跟我讲中文', 'zh-CN'],
    ['mandarin please', 'zh-CN'],
  ])('reads "%s" as a request to speak %s', async (text, locale) => {
    expect((await recognize(text)).switchLanguage).toBe(locale);
  });

  it.each([
    'set expiry reminders in chinese for this channel',
    'show my benefits',
    '我需要一个 Visual Studio 许可证',
  ])('does not switch language for "%s"', async (text) => {
    expect((await recognize(text)).switchLanguage).toBeUndefined();
  });
});

describe('npm run -s intent', () => {
  const run = (args: string[], input?: string) =>
    spawnSync(process.execPath, [require.resolve('tsx/cli'), 'src/cli/intent.ts', ...args], {
      cwd: ROOT,
      input,
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('prints one JSON line and nothing else for a text', () => {
    const out = run(['我需要一个 Visual Studio 许可证']);
    expect(out.status).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ intent: 'requestSeat', language: 'zh-CN' });
  });

  it('reads one utterance per line from standard input, one JSON line each', () => {
    const out = run([], 'can I get a VS licence?\n\nwho are the admins\n我们有哪些权益\n');
    expect(out.status).toBe(0);
    const lines = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Recognition & { text: string });
    expect(lines.map((l) => [l.text, l.intent])).toEqual([
      ['can I get a VS licence?', 'requestSeat'],
      ['who are the admins', 'manageRoles'],
      ['我们有哪些权益', 'listBenefits'],
    ]);
  }, 60_000);
});

describe('questions and requests (issue 15)', () => {
  beforeAll(async () => {
    await trainedModel();
  });

  it.each([
    ['how many VS seats do we have left?', 'seatStatus', true],
    ['how many seats are free', 'seatStatus', true],
    ['when does our membership expire?', 'membership', true],
    ["what's our partner ID?", 'membership', true],
    ['who can reveal product keys?', 'faq.whichRole', true],
    ['还剩几个席位', 'seatStatus', true],
    ['会员资格什么时候到期', 'membership', true],
    ['我们的合作伙伴 ID 是多少', 'membership', true],
    ['show me the audit log for Dana', 'auditLog', false],
    ['can I get a VS licence?', 'requestSeat', false],
    ['我想申请 Visual Studio', 'requestSeat', false],
    ['give Fang a seat', 'assignSeat', false],
  ])('reads %j as %s (question: %s)', async (text, label, question) => {
    const r = await recognize(text);
    expect([labelOf(r), r.question]).toEqual([label, question]);
  });
});
