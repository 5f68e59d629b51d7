import { isCancel } from '../../dialogs/base';
import { ALL_COMMANDS } from '../../src/features';
import { CATALOGUES, type MessageKey } from '../../src/i18n';
import { DIRECTIONS, type Direction } from '../../src/i18n/directions';
import { LINKS } from '../../src/i18n/links';

/**
 * No dead ends: every message that tells a person to do something names a command the bot has,
 * carries the link of the real place where it is done, or points at something real (a control
 * of its card, a colleague, the Teams client). src/i18n/directions.ts lists where each one sends
 * the person; this test finds the messages that ask for an act and checks the list.
 */

const en = CATALOGUES['en-US'] as Record<MessageKey, string>;
const zh = CATALOGUES['zh-CN'] as Record<MessageKey, string>;
const KEYS = Object.keys(en) as MessageKey[];

/** Descriptions of commands and acts, FAQ answers and choice labels describe; they do not ask. */
const DESCRIPTIVE = /(\.cmd\.|^action\.|^faq\.|^understand\.(intent|phrase)\.|^role\.)/;
/** An imperative at the start of a sentence or clause, or a bold command or button. */
const ASKS =
  /(^|[.!?:;]\s+|\(|—\s*|, or\s+|, then\s+)(type|ask|add|buy|contact|renew|set|redeem|sign in|choose|press|pick|fill|give|make|remove|try|go to|open|manage|mention|say|answer|check|please|finish|use|let them know)\b|\*\*[^*]+\*\*/i;

/** Sentences only: button titles, field labels and placeholders name a control, they do not ask. */
const SENTENCE = /[.!?)。！？）]\s*$|[.!?。] /;

function asksToAct(text: string): boolean {
  const plain = text.replace(/\{\w+\}/g, 'X');
  return SENTENCE.test(plain) && ASKS.test(plain);
}

const commandById = new Map<string, (typeof ALL_COMMANDS)[number]>(ALL_COMMANDS.map((c) => [c.id, c]));
const allPhrases = ALL_COMMANDS.flatMap((c) => [...c.phrases['en-US'], ...c.phrases['zh-CN']]);
const allTexts = new Set([...Object.values(en), ...Object.values(zh)]);

describe('no dead ends: messages that ask for an act say where it is done', () => {
  const asking = KEYS.filter((k) => !DESCRIPTIVE.test(k) && asksToAct(en[k]));

  it('finds the messages that ask for an act (a fixed list would miss new ones)', () => {
    expect(asking.length).toBeGreaterThan(30);
    expect(asking).toEqual(expect.arrayContaining(['unknown.text', 'benefits.credit.notInDirectory']));
  });

  it.each(asking)('%s says where the act happens', (key) => {
    expect({ key, listed: DIRECTIONS[key] !== undefined }).toEqual({ key, listed: true });
  });

  const listed = Object.entries(DIRECTIONS) as [MessageKey, readonly Direction[]][];
  it.each(listed)('%s points to a real command, link or place, in both languages', (key, directions) => {
    expect(en[key]).toBeDefined();
    const commands = directions.flatMap((d) => ('command' in d ? [commandById.get(d.command)] : []));
    const phrases = commands.flatMap((c) => (c ? [...c.phrases['en-US'], ...c.phrases['zh-CN']] : []));
    if (commands.length > 0)
      for (const [locale, text] of [
        ['en-US', en[key]],
        ['zh-CN', zh[key]],
      ] as const) {
        const lower = text.toLowerCase();
        expect({ key, locale, namesCommand: phrases.some((p) => lower.includes(p)) }).toEqual({
          key,
          locale,
          namesCommand: true,
        });
      }
    for (const d of directions) {
      if ('command' in d) {
        const found = commandById.get(d.command);
        expect({ key, command: d.command, exists: Boolean(found) }).toEqual({
          key,
          command: d.command,
          exists: true,
        });
      }
      if ('link' in d) {
        for (const [locale, text] of [
          ['en-US', en[key]],
          ['zh-CN', zh[key]],
        ] as const)
          expect({ key, locale, link: text.includes(LINKS[d.link]) }).toEqual({ key, locale, link: true });
      }
    }
  });

  const bolds = asking.flatMap((k) =>
    [...`${en[k]}\n${zh[k]}`.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => [k, m[1]] as const),
  );
  it.each(bolds)(
    '%s: the bold "%s" is a command phrase, a button of the bot or a filled-in value',
    (_key, bold) => {
      const isPlaceholder = /^\{\w+\}$/.test(bold);
      const isCommand = allPhrases.includes(bold.toLowerCase()) || isCancel(bold);
      const isButton = allTexts.has(bold);
      expect({ bold, real: isPlaceholder || isCommand || isButton }).toEqual({ bold, real: true });
    },
  );

  it('sends people to the real places: Partner Center, the Microsoft 365 admin centre, Visual Studio subscriptions', () => {
    const used = new Set(listed.flatMap(([, ds]) => ds.flatMap((d) => ('link' in d ? [d.link] : []))));
    expect([...used].sort()).toEqual(Object.keys(LINKS).sort());
    expect(Object.values(en).some((t) => /bought separately/i.test(t))).toBe(false);
  });
});
