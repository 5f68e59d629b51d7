import type { BenefitGroup } from '../domain/benefits';
import type { Locale } from '../domain/model';

/** What a person can mean, whatever words or language they use. The names are part of the product's contract. */
export const INTENTS = [
  'enroll',
  'membership',
  'listBenefits',
  'softwareKeys',
  'azureCredits',
  'redeemKey',
  'requestSeat',
  'assignSeat',
  'seatStatus',
  'activateSupport',
  'marketingContact',
  'cancelPackage',
  'manageRoles',
  'auditLog',
  'notifications',
  'help',
  'faq',
  'none',
] as const;
export type Intent = (typeof INTENTS)[number];

/** Questions about the rules the FAQ answers (the `faq` intent's topic). */
export const FAQ_TOPICS = [
  'reassignSeat',
  'cancelPackage',
  'redeemOnce',
  'azureCredit',
  'activationTime',
  'whichRole',
  'supportKind',
] as const;
export type FaqTopic = (typeof FAQ_TOPICS)[number];

/** A benefit category of the overview, or the packages. */
export type BenefitCategoryEntity = BenefitGroup | 'packages';
/** Visual Studio subscription types a seat pool can hold. */
export const POOL_KINDS = ['enterprise', 'professional'] as const;
export type PoolKind = (typeof POOL_KINDS)[number];

/** What the recogniser found in the words, beyond the intent. */
export interface Entities {
  category?: BenefitCategoryEntity;
  /** A product of the catalogue (e.g. `visualStudio`, `office365`), normalised. */
  product?: string;
  /** The person named, as typed ("assign a seat to Fang"). */
  person?: string;
  pool?: PoolKind;
  /** The subscription or product by its display name ("Visual Studio Enterprise", "Power BI"). */
  subscription?: string;
  /** Numbers of days the text names ("remind us 14 and 3 days before" → [14, 3]). */
  days?: number[];
  /** A language the text names ("in Chinese", "用英文"). */
  language?: Locale;
  /** When `faq` is the intent or a likely alternative: which rule the question is about. */
  topic?: FaqTopic;
}

export interface Recognition {
  intent: Intent;
  /** Confidence of `intent`, 0…1. */
  score: number;
  entities: Entities;
  /** The next most likely intents (not `none`), best first. */
  alternatives: { intent: Intent; score: number }[];
  /** The language the text is written in (decides which model read it). */
  language: Locale;
  /** The text asks about something ("how many…", "还剩几个") rather than asks for it. */
  question: boolean;
  /** Set when the person asks the bot to speak another language with them. */
  switchLanguage?: Locale;
}

/** Below this the bot asks which of the likely meanings was meant instead of guessing. */
export const CONFIDENCE_THRESHOLD = 0.6;
