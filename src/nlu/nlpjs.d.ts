/**
 * The parts of nlp.js (CommonJS, no type declarations of its own) that the recogniser uses.
 * Kept narrow on purpose: anything else of the library is not part of our contract with it.
 */

declare module '@nlpjs/core' {
  export interface Container {
    use(item: unknown, name?: string, isSingleton?: boolean, onlyIfNotExists?: boolean): string;
    get(name: string, settings?: Record<string, unknown>): unknown;
    register(name: string, item: unknown, isSingleton?: boolean): void;
    registerConfiguration(tag: string, configuration: Record<string, unknown>, overwrite?: boolean): void;
  }
  export function containerBootstrap(settings?: Record<string, unknown>): Container;

  export class Normalizer {
    constructor(container?: Container);
    name: string;
    normalize(text: string): string;
  }
  export class Tokenizer {
    constructor(container?: Container, shouldNormalize?: boolean);
    name: string;
    container: Container;
    innerTokenize(text: string): string[];
    tokenize(text: string, normalize?: unknown): string[];
  }
}

declare module '@nlpjs/lang-en-min' {
  export class LangEn {
    register(container: import('@nlpjs/core').Container): void;
  }
}

declare module '@nlpjs/nlp' {
  export interface NlpClassification {
    intent: string;
    score: number;
  }
  export interface NlpEntity {
    entity: string;
    option?: string;
    sourceText: string;
    utteranceText?: string;
    accuracy: number;
    start: number;
    end: number;
    type: string;
  }
  export interface NlpResult {
    locale: string;
    utterance: string;
    intent: string;
    score: number;
    classifications: NlpClassification[];
    entities: NlpEntity[];
  }
  export class Nlp {
    settings: Record<string, unknown>;
    addLanguage(locales: string | string[]): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    addNerRuleOptionTexts(locale: string, name: string, option: string, texts: string[]): void;
    addNerAfterLastCondition(
      locale: string,
      name: string,
      words: string[],
      options?: Record<string, unknown>,
    ): void;
    train(): Promise<unknown>;
    toJSON(): unknown;
    fromJSON(json: unknown): void;
    process(locale: string, utterance: string): Promise<NlpResult>;
    extractEntities(locale: string, utterance: string): Promise<{ entities: NlpEntity[] }>;
  }
}
