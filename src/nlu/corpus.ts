import { z } from 'zod';
import { BENEFIT_GROUPS } from '../domain/benefits';
import type { Locale } from '../domain/model';
import enUS from './corpus/en-US.json';
import zhCN from './corpus/zh-CN.json';
import { FAQ_TOPICS, INTENTS, POOL_KINDS } from './intents';

/**
 * The training utterances, one file per language (`corpus/en-US.json`, `corpus/zh-CN.json`),
 * validated at load: every intent but `faq` (whose utterances are per topic) has examples,
 * every FAQ topic has examples, entity values name real categories, pools and languages.
 */

const utterances = z.array(z.string().min(1).max(200)).min(1);
const intentExamples = z
  .object(Object.fromEntries(INTENTS.filter((i) => i !== 'faq').map((i) => [i, utterances])))
  .strict();
const topicExamples = z.object(Object.fromEntries(FAQ_TOPICS.map((t) => [t, utterances]))).strict();
const synonyms = z.array(z.string().min(1).max(60)).min(1);
const options = <T extends readonly [string, ...string[]]>(values: T) =>
  z.partialRecord(z.enum(values), synonyms);

export const corpusSchema = z
  .object({
    intents: intentExamples,
    faq: topicExamples,
    entities: z
      .object({
        category: options([...BENEFIT_GROUPS, 'packages']),
        product: z.record(z.string().regex(/^[a-z][a-zA-Z0-9]*$/), synonyms),
        pool: options(POOL_KINDS),
        language: options(['en-US', 'zh-CN']),
      })
      .strict(),
    /** Words that, with a language named, ask the bot to speak it ("speak", "用"). */
    languageCues: z.array(z.string().min(1).max(30)).min(1),
    /** Words after which a person's name follows ("to", "给"). */
    personCues: z.array(z.string().min(1).max(30)),
  })
  .strict();
export type Corpus = z.infer<typeof corpusSchema>;

export const CORPORA: Record<Locale, Corpus> = {
  'en-US': corpusSchema.parse(enUS),
  'zh-CN': corpusSchema.parse(zhCN),
};

/** Every training utterance of a language with its label (`faq` utterances as `faq.<topic>`). */
export function trainingExamples(corpus: Corpus): { utterance: string; label: string }[] {
  return [
    ...Object.entries(corpus.intents).flatMap(([intent, list]) =>
      list.map((utterance) => ({ utterance, label: intent })),
    ),
    ...Object.entries(corpus.faq).flatMap(([topic, list]) =>
      list.map((utterance) => ({ utterance, label: `faq.${topic}` })),
    ),
  ];
}
