import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { Nlp, type NlpClassification, type NlpEntity } from '@nlpjs/nlp';
import type { Locale } from '../domain/model';
import { CORPORA, trainingExamples, type Corpus } from './corpus';
import { cachedModel } from './modelCache';
import {
  CONFIDENCE_THRESHOLD,
  FAQ_TOPICS,
  INTENTS,
  type Entities,
  type FaqTopic,
  type Intent,
  type Recognition,
} from './intents';
import { isQuestion } from './question';
import { moreEntities } from './entities';
import { isHan, normalizeText, NormalizerZh, StemmerZh, TokenizerZh } from './zh';

/**
 * The recogniser: one nlp.js model (neural intent classifier + enum/trim entity rules) for
 * English and Chinese, trained once per process from `corpus/*.json`. The language of the text
 * (not of the Teams client) picks which half reads it: any Han character means Chinese, and the
 * Chinese half also knows the Latin product names people mix in ("我想申请 Visual Studio").
 */

const NLP_LANG: Record<Locale, string> = { 'en-US': 'en', 'zh-CN': 'zh' };
/** nlp.js's own label for "none of these". */
const NONE = 'None';
const FAQ_PREFIX = 'faq.';
/** Alternatives below this are noise, not suggestions. */
const ALTERNATIVE_FLOOR = 0.08;
const MAX_ALTERNATIVES = 3;
/**
 * Only the start of a long message is read: what someone wants is said first, and the cost of
 * reading (spell check, entity search) grows with the length. Keeps every turn cheap.
 */
export const MAX_READ_CHARS = 300;

const silentLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  log: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  fatal: () => undefined,
};

export interface TrainedModel {
  nlp: Nlp;
  corpora: Record<Locale, Corpus>;
  /** Wall-clock milliseconds the training took. */
  trainingMs: number;
  examples: number;
}

/** Builds and trains a model from the given corpora (the bot uses `trainedModel()`, trained once). */
export async function trainModel(
  corpora: Record<Locale, Corpus> = CORPORA,
  /** A trained model of exactly these corpora (from `modelCache`): loaded instead of training. */
  trained?: unknown,
): Promise<TrainedModel> {
  const started = performance.now();
  const container = containerBootstrap();
  // The library logs through its container; a bot's logs are its own (and the CLI prints JSON only).
  container.register('logger', silentLogger);
  container.registerConfiguration(
    'nlu-??',
    {
      keepStopwords: true,
      nonefeatureValue: 1,
      nonedeltaMultiplier: 1.2,
      spellCheck: true,
      spellCheckDistance: 1,
      filterZeros: true,
      log: false,
    },
    true,
  );
  container.use(Nlp);
  container.use(LangEn);
  container.use(new NormalizerZh(container));
  container.use(new TokenizerZh(container));
  container.use(new StemmerZh(container));
  const nlp = container.get('nlp') as Nlp;
  Object.assign(nlp.settings, {
    autoSave: false,
    autoLoad: false,
    threshold: 0,
    calculateSentiment: false,
  });
  nlp.addLanguage(Object.values(NLP_LANG));
  let examples = 0;
  if (trained !== undefined) {
    nlp.fromJSON(trained);
    for (const corpus of Object.values(corpora)) examples += trainingExamples(corpus).length;
    return { nlp, corpora, trainingMs: Math.round(performance.now() - started), examples };
  }
  for (const [locale, corpus] of Object.entries(corpora) as [Locale, Corpus][]) {
    const lang = NLP_LANG[locale];
    for (const { utterance, label } of trainingExamples(corpus)) {
      nlp.addDocument(lang, utterance, label === 'none' ? NONE : label);
      examples += 1;
    }
    for (const [entity, values] of Object.entries(corpus.entities)) {
      for (const [option, texts] of Object.entries(values as Record<string, string[]>)) {
        nlp.addNerRuleOptionTexts(lang, entity, option, texts);
      }
    }
  }
  await nlp.train();
  return { nlp, corpora, trainingMs: Math.round(performance.now() - started), examples };
}

let cached: Promise<TrainedModel> | undefined;

/** The process's model: trained on first call, then the same one (a failed training is retried). */
export function trainedModel(): Promise<TrainedModel> {
  cached ??= cachedModel(CORPORA, trainModel).catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

/** The language a text is written in; `fallback` (e.g. the Teams locale) when it has no letters at all. */
export function textLanguage(text: string, fallback?: string): Locale {
  if (isHan(text)) return 'zh-CN';
  if (/\p{L}/u.test(text)) return 'en-US';
  return fallback && /^zh\b/i.test(fallback) ? 'zh-CN' : 'en-US';
}

const isIntent = (label: string): label is Intent => (INTENTS as readonly string[]).includes(label);
const isTopic = (label: string): label is FaqTopic => (FAQ_TOPICS as readonly string[]).includes(label);

/** nlp.js labels → our intents: `None` is `none`; the `faq.<topic>` labels add up to `faq`. */
function intentScores(classifications: readonly NlpClassification[]): {
  ranked: { intent: Intent; score: number }[];
  topic?: FaqTopic;
} {
  const scores = new Map<Intent, number>();
  let topic: { topic: FaqTopic; score: number } | undefined;
  for (const { intent: label, score } of classifications) {
    if (label.startsWith(FAQ_PREFIX)) {
      const t = label.slice(FAQ_PREFIX.length);
      if (isTopic(t) && (!topic || score > topic.score)) topic = { topic: t, score };
      scores.set('faq', (scores.get('faq') ?? 0) + score);
    } else {
      const intent = label === NONE ? 'none' : label;
      if (isIntent(intent)) scores.set(intent, (scores.get(intent) ?? 0) + score);
    }
  }
  const ranked = [...scores.entries()]
    .map(([intent, score]) => ({ intent, score: Math.min(1, score) }))
    .sort((a, b) => b.score - a.score);
  return { ranked, topic: topic?.topic };
}

/**
 * Enum entities: nlp.js's NER (fuzzy on words, so "visul studio" still counts), then, for what it
 * missed, the longest synonym found verbatim (Chinese has no spaces between words for it to align on).
 */
function entitiesOf(
  text: string,
  found: readonly NlpEntity[],
  corpus: Corpus,
  topic: FaqTopic | undefined,
  faqLikely: boolean,
): Entities {
  const best = new Map<string, { option: string; accuracy: number }>();
  for (const e of found) {
    const previous = best.get(e.entity);
    if (e.option && (!previous || e.accuracy > previous.accuracy))
      best.set(e.entity, { option: e.option, accuracy: e.accuracy });
  }
  const n = normalizeText(text);
  for (const [entity, values] of Object.entries(corpus.entities)) {
    if (best.has(entity)) continue;
    let longest: { option: string; length: number } | undefined;
    for (const [option, texts] of Object.entries(values as Record<string, string[]>)) {
      for (const synonym of texts) {
        if (mentions(n, normalizeText(synonym)) && synonym.length > (longest?.length ?? 0))
          longest = { option, length: synonym.length };
      }
    }
    if (longest) best.set(entity, { option: longest.option, accuracy: 1 });
  }
  const option = (name: string) => best.get(name)?.option;
  const entities: Entities = {};
  const category = option('category');
  if (category) entities.category = category as Entities['category'];
  const product = option('product');
  if (product) entities.product = product;
  const pool = option('pool');
  if (pool) entities.pool = pool as Entities['pool'];
  const language = option('language');
  if (language) entities.language = language as Locale;
  if (faqLikely && topic) entities.topic = topic;
  return entities;
}

/** Whole-word patterns of the corpus's phrases (a fixed set), built on first use. */
const wholeWords = new Map<string, RegExp>();

/** Whether normalised `text` contains `phrase`: anywhere for Chinese, as whole words for Latin script. */
function mentions(text: string, phrase: string): boolean {
  if (isHan(phrase)) return text.includes(phrase);
  let pattern = wholeWords.get(phrase);
  if (!pattern) {
    const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern = new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u');
    wholeWords.set(phrase, pattern);
  }
  return pattern.test(text);
}

/** A person's name after a cue word ("assign a seat to Fang Wu" → after "to"; "给王芳分配席位" → after 给). */
function personAfterCue(text: string, cues: readonly string[]): string | undefined {
  for (const cue of cues) {
    const pattern = isHan(cue)
      ? new RegExp(`${cue}\\s*(\\p{Script=Han}{2,3}?)(?=分配|一|个|开|加|安排|的|当|做|\\s|$)`, 'u')
      : new RegExp(`\\b${cue}\\s+(\\p{Lu}[\\p{L}'-]+(?:\\s+\\p{Lu}[\\p{L}'-]+)?)`, 'u');
    const match = pattern.exec(text);
    if (match?.[1]) return match[1].trim();
  }
  return undefined;
}

const topOf = (ranked: { intent: Intent; score: number }[]): { intent: Intent; score: number } =>
  ranked[0] ?? { intent: 'none', score: 1 };

/**
 * The likeliest intent and its confidence, without entities (their fuzzy search is the dearest
 * part of `recognize`): enough to tell whether a message to a waiting dialog is its answer.
 */
export async function intentOf(text: string, locale?: string): Promise<{ intent: Intent; score: number }> {
  const model = await trainedModel();
  const language = textLanguage(text, locale);
  const read = [...text].slice(0, MAX_READ_CHARS).join('');
  const result = await model.nlp.process(NLP_LANG[language], read);
  const top = topOf(intentScores(result.classifications).ranked);
  return { intent: top.intent, score: Number(top.score.toFixed(4)) };
}

/**
 * What the text means: intent, confidence, entities, and the likely alternatives. Pure reading:
 * nothing is decided here (the bot applies the confidence threshold and the policy table).
 * `locale` is only a hint for texts without letters.
 */
export async function recognize(text: string, locale?: string): Promise<Recognition> {
  const model = await trainedModel();
  const language = textLanguage(text, locale);
  const corpus = model.corpora[language];
  // Classified on the words as typed; entities are read separately (nlp.js would otherwise also
  // classify the text with entities replaced by their names, which our corpus does not train).
  // Its fuzzy entity search costs time with every character and has no words to align on in
  // Chinese, where verbatim synonyms do the job (see `entitiesOf`).
  const read = [...text].slice(0, MAX_READ_CHARS).join('');
  const [result, found] = await Promise.all([
    model.nlp.process(NLP_LANG[language], read),
    language === 'zh-CN' ? { entities: [] } : model.nlp.extractEntities(NLP_LANG[language], read),
  ]);
  const { ranked, topic } = intentScores(result.classifications);
  const top = topOf(ranked);
  const faqLikely = ranked.some((r) => r.intent === 'faq' && r.score >= ALTERNATIVE_FLOOR);
  const entities = entitiesOf(read, found.entities, corpus, topic, faqLikely);
  if (top.intent === 'assignSeat' || top.intent === 'manageRoles') {
    const person = personAfterCue(read, corpus.personCues);
    if (person) entities.person = person;
  }
  Object.assign(entities, moreEntities(read, entities));
  const recognition: Recognition = {
    intent: top.intent,
    score: Number(top.score.toFixed(4)),
    entities,
    alternatives: ranked
      .slice(1)
      .filter((r) => r.intent !== 'none' && r.score >= ALTERNATIVE_FLOOR)
      .slice(0, MAX_ALTERNATIVES)
      .map((r) => ({ intent: r.intent, score: Number(r.score.toFixed(4)) })),
    language,
    question: isQuestion(read),
  };
  // "talk to me in Chinese", "用英文回答": a language and a word of speaking; or a language alone
  // ("Chinese please") when the text means nothing else.
  const vague = top.intent === 'none' || top.intent === 'help' || top.score < CONFIDENCE_THRESHOLD;
  const cued = corpus.languageCues.some((cue) => mentions(normalizeText(read), normalizeText(cue)));
  if (entities.language && (cued || vague)) {
    recognition.switchLanguage = entities.language;
  }
  return recognition;
}
