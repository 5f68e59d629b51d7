import { readFileSync } from 'node:fs';
import { ALL_COMMANDS, FEATURES, findCommand, verbTable } from '../../src/features';
import { actionsAllowed } from '../../src/domain/policy';
import type { Locale } from '../../src/domain/model';
import { cardAction, submit } from '../support/activities';
import { translator } from '../../src/i18n';
import { cardPresses, type CardPress } from '../support/cardWalk';
import { AVERY, BO, CASEY, DANA, ELI, type Person } from '../support/people';
import { cardSamples } from '../support/samples';
import { startTestApp, type TestApp } from '../support/testApp';

/**
 * The joins between cards, features and the manifest are strings at run time: this walks every
 * card the bot renders (every sample, both languages) and checks each end of each join.
 */
const LOCALES: Locale[] = ['en-US', 'zh-CN'];
const verbs = verbTable([...FEATURES]);
const samples = LOCALES.flatMap((locale) =>
  cardSamples(locale).map((s) => ({
    locale,
    id: s.id,
    presses: cardPresses(s.card as Record<string, unknown>),
  })),
);
const all = samples.flatMap((s) => s.presses.map((p) => ({ ...p, locale: s.locale, sample: s.id })));
const executes = all.filter((p) => p.type === 'Action.Execute');
const submits = all.filter((p) => p.type === 'Action.Submit');
const where = (p: CardPress & { locale: Locale; sample: string }) => `${p.sample} (${p.locale}) ${p.path}`;

/**
 * Forms of a multi-turn dialog answer the dialog waiting for them, not a command: the marketing
 * contact form (`form`) and the enrolment steps (`enroll`).
 */
const DIALOG_FORMS: Record<string, string[]> = {
  form: ['marketingContact'],
  enroll: [
    'details',
    'edit',
    'keepFreeMail',
    'code',
    'resend',
    'agreement',
    'decline',
    'addAdminAgent',
    'skipAdminAgent',
  ],
};
const formOf = (data: Record<string, unknown>) => Object.keys(DIALOG_FORMS).find((k) => k in data);
const commandSubmits = submits.filter((p) => !formOf(p.data));

describe('typed joins: every card sample, every locale', () => {
  it('walks a real set of cards', () => {
    expect(samples.length).toBeGreaterThan(60);
    expect(new Set(executes.map((p) => p.verb)).size).toBeGreaterThan(40);
    expect(submits.length).toBeGreaterThan(10);
  });

  it('binds every Action.Execute to a verb some feature handles', () => {
    const unhandled = executes
      .filter((p) => !p.verb || !verbs.has(p.verb))
      .map((p) => `${where(p)}: ${p.verb}`);
    expect(unhandled).toEqual([]);
  });

  it('sends a command in every Action.Submit, or answers a known dialog form', () => {
    const unknown = submits
      .filter((p) => {
        const form = formOf(p.data);
        if (form) return !DIALOG_FORMS[form].includes(String(p.data[form]));
        return typeof p.data.command !== 'string' || p.data.command.trim() === '';
      })
      .map((p) => `${where(p)}: ${JSON.stringify(p.data)}`);
    expect(unknown).toEqual([]);
  });

  it('recognises every manifest command title, in both languages', () => {
    const manifest = JSON.parse(readFileSync('manifest/manifest.template.json', 'utf8')) as {
      bots: { commandLists: { commands: { title: string }[] }[] }[];
    };
    const zh = JSON.parse(readFileSync('manifest/zh-cn.json', 'utf8')) as Record<string, string>;
    const titles = [
      ...manifest.bots.flatMap((b) => b.commandLists.flatMap((l) => l.commands.map((c) => c.title))),
      ...Object.entries(zh)
        .filter(([k]) => /^bots\[\d+]\.commandLists\[\d+]\.commands\[\d+]\.title$/.test(k))
        .map(([, v]) => v),
    ];
    expect(titles.length).toBeGreaterThan(15);
    expect(titles.filter((t) => !findCommand(ALL_COMMANDS, t))).toEqual([]);
  });
});

describe('typed joins: pressing every Action.Execute with what Teams sends', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());

  /** Someone whose roles allow the verb's act (the admins first: they can see most cards). */
  const allowedActor = (verb: string): Person => {
    const action = verbs.get(verb)!.action;
    const people: [Person, Parameters<typeof actionsAllowed>[0]][] = [
      [AVERY, ['GlobalAdmin']],
      [DANA, ['MpnPartnerAdmin']],
      [BO, ['UserManagementAdmin']],
      [CASEY, ['AdminAgent']],
      [ELI, []],
    ];
    return people.find(([, roles]) => actionsAllowed(roles).includes(action))?.[0] ?? AVERY;
  };

  it('understands every command an Action.Submit sends (no "did you mean" nor "didn\'t catch that")', async () => {
    const misunderstood: string[] = [];
    const seen = new Set<string>();
    for (const p of commandSubmits) {
      const key = `${p.locale} ${String(p.data.command)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (findCommand(ALL_COMMANDS, String(p.data.command))) continue;
      const before = t.connector.sentActivities().length;
      await t.post(submit(AVERY, p.data, { serviceUrl: t.connector.url, locale: p.locale }));
      const replies = JSON.stringify(t.connector.sentActivities().slice(before));
      const tr = translator(p.locale);
      if (replies.includes(tr.t('unknown.text')) || replies.includes(tr.t('understand.clarify.text')))
        misunderstood.push(`${where(p)}: ${String(p.data.command)}`);
    }
    expect(seen.size).toBeGreaterThan(10);
    expect(misunderstood).toEqual([]);
  });

  it('is never refused as an invalid action (400) nor fails (500)', async () => {
    const refused: string[] = [];
    for (const p of executes) {
      if (!p.verb || !verbs.has(p.verb)) continue;
      const res = await t.post(
        cardAction(allowedActor(p.verb), p.verb, p.data, { serviceUrl: t.connector.url, locale: p.locale }),
      );
      const body = res.body as { statusCode?: number; value?: { message?: string } };
      if (res.status !== 200 || body.statusCode !== 200)
        refused.push(
          `${where(p)} ${p.verb} ${JSON.stringify(p.data)} → ${body.statusCode}: ${body.value?.message}`,
        );
    }
    expect(refused).toEqual([]);
    // Some 170 presses through the real app and store: slower than one test's default budget.
  }, 180_000);
});
