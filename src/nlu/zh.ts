import { Normalizer, Tokenizer, type Container } from '@nlpjs/core';

/**
 * Chinese for nlp.js without a dictionary. `@nlpjs/lang-zh` segments words with CC-CEDICT,
 * compiled on first use: measured here at ~8 s of CPU and ~195 MB per process, which every bot
 * instance and every test process would pay. Short requests to a bot classify as well on
 * overlapping characters (unigrams + bigrams, the usual indexing of Chinese text), which need no
 * dictionary, tolerate a wrong character and mix with Latin words ("申请 VS 许可证"), which are
 * stemmed as English.
 */

const HAN = /\p{Script=Han}/u;
/** Runs of Han characters, and words of Latin letters or digits (with inner - + # .). */
const PIECES = /\p{Script=Han}+|[\p{L}\p{N}]+(?:[-+#.][\p{L}\p{N}]+)*[+#]*/gu;

export function isHan(text: string): boolean {
  return HAN.test(text);
}

/** Full-width letters and digits (common from Chinese input methods) become ASCII; lower case. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Han runs → characters and overlapping pairs; Latin runs → words. */
export function tokenizeMixed(text: string): string[] {
  const tokens: string[] = [];
  for (const [piece] of normalizeText(text).matchAll(PIECES)) {
    if (!isHan(piece)) {
      tokens.push(piece);
      continue;
    }
    const chars = [...piece];
    chars.forEach((c, i) => {
      tokens.push(c);
      if (i + 1 < chars.length) tokens.push(c + chars[i + 1]);
    });
  }
  return tokens;
}

export class NormalizerZh extends Normalizer {
  constructor(container?: Container) {
    super(container);
    this.name = 'normalizer-zh';
  }

  override normalize(text: string): string {
    return normalizeText(text);
  }
}

export class TokenizerZh extends Tokenizer {
  constructor(container?: Container, shouldNormalize?: boolean) {
    super(container, shouldNormalize);
    this.name = 'tokenizer-zh';
  }

  override innerTokenize(text: string): string[] {
    return tokenizeMixed(text);
  }
}

interface WordStemmer {
  stem(tokens: string[]): string[];
}

/** Latin words inside Chinese text are stemmed by the English stemmer; characters stay as they are. */
export class StemmerZh {
  readonly name = 'stemmer-zh';

  constructor(private readonly container: Container) {}

  stem(tokens: string[]): string[] {
    const english = this.container.get('stemmer-en') as WordStemmer | undefined;
    return tokens.map((t) => (isHan(t) || !english ? t : (english.stem([t])[0] ?? t)));
  }
}
