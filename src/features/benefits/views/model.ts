import benefitsConfirmTemplate from '../../../../cards/benefits/benefitsConfirm.json';
import benefitsListTemplate from '../../../../cards/benefits/benefitsList.json';
import benefitsSummaryTemplate from '../../../../cards/benefits/benefitsSummary.json';
import creditManageTemplate from '../../../../cards/benefits/creditManage.json';
import softwareProductTemplate from '../../../../cards/benefits/softwareProduct.json';
import {
  cardTemplate,
  type Choice,
  type ContainerStyle,
  type ExecuteButton,
  type Fact,
} from '../../../cards';
import { BENEFIT_GROUPS, type BenefitsSnapshot } from '../../../domain/benefits';
import { type Actor } from '../../../domain/policy';
import { type Translator } from '../../../i18n';

export interface BenefitsSummaryView {
  title: string;
  subtitle: string;
  scopeNote: string;
  /** The "renew now" notice (30 days after the anniversary) or the lapse notice after them. */
  hasRenewNotice: boolean;
  renewNotice: string;
  groups: {
    name: string;
    status: string;
    count: string;
    hasExpiry: boolean;
    expiry: string;
    open: ExecuteButton;
  }[];
  showPackages: boolean;
  packagesTitle: string;
  packages: { text: string }[];
  buttons: ExecuteButton[];
}

export interface BenefitsListView {
  title: string;
  subtitle: string;
  hasNotice: boolean;
  notice: string;
  noticeStyle: ContainerStyle;
  isEmpty: boolean;
  empty: string;
  items: {
    title: string;
    hasSubtitle: boolean;
    subtitle: string;
    hasFacts: boolean;
    facts: Fact[];
    lines: { text: string }[];
    hasActions: boolean;
    links: { title: string; url: string }[];
    buttons: ExecuteButton[];
    /** Buttons that send a command (the seat pools, assigning a seat, the requests waiting). */
    commands: { title: string; command: string }[];
  }[];
  hasPager: boolean;
  pageText: string;
  nav: ExecuteButton[];
}

export interface SoftwareProductView {
  title: string;
  subtitle: string;
  facts: Fact[];
  hasInstructions: boolean;
  instructionsLabel: string;
  instructions: string;
  keyStyle: ContainerStyle;
  keyLabel: string;
  /** The real key only on the card answering a reveal; masked everywhere else. */
  keyText: string;
  keyNote: string;
  canReveal: boolean;
  pickLabel: string;
  pickPlaceholder: string;
  languageLabel: string;
  languages: Choice[];
  /** The language and OS of the key shown ('' before a reveal): the pickers keep them. */
  language: string;
  osLabel: string;
  osTypes: Choice[];
  osType: string;
  reveal: ExecuteButton;
  download: { title: string; url: string };
  nav: ExecuteButton[];
}

export interface CreditManageView {
  title: string;
  subtitle: string;
  hasNotice: boolean;
  notice: string;
  noticeStyle: ContainerStyle;
  facts: Fact[];
  ruleNote: string;
  showPeople: boolean;
  peopleLabel: string;
  people: { name: string; detail: string; hasButtons: boolean; buttons: ExecuteButton[] }[];
  canPick: boolean;
  pickLabel: string;
  pickPlaceholder: string;
  choices: Choice[];
  pick: ExecuteButton;
  nav: ExecuteButton[];
}

export interface BenefitsConfirmView {
  title: string;
  subtitle: string;
  facts: Fact[];
  hasWarning: boolean;
  warningStyle: ContainerStyle;
  warnings: { text: string }[];
  lines: { text: string }[];
  options: {
    title: string;
    hasFacts: boolean;
    facts: Fact[];
    lines: { text: string }[];
    hasButtons: boolean;
    buttons: ExecuteButton[];
  }[];
  buttons: ExecuteButton[];
}

export const renderBenefitsSummary = cardTemplate<BenefitsSummaryView>(benefitsSummaryTemplate);
export const renderBenefitsList = cardTemplate<BenefitsListView>(benefitsListTemplate);
export const renderSoftwareProduct = cardTemplate<SoftwareProductView>(softwareProductTemplate);
export const renderCreditManage = cardTemplate<CreditManageView>(creditManageTemplate);
export const renderBenefitsConfirm = cardTemplate<BenefitsConfirmView>(benefitsConfirmTemplate);

/**
 * View models of the benefits cards. Every word is localised here; templates only bind. Who
 * sees what follows the policy table: administrators (people who may manage benefits) see pools,
 * quantities, offer and benefit types, expiry dates and who holds what; everyone else sees what
 * is assigned to them plus the organisation's benefits. Product keys are masked on every card
 * except the one answering a reveal.
 */

/** What the views know about the turn. */
export interface BenefitsContext {
  tr: Translator;
  actor: Actor;
  tenantName: string;
  now: Date;
  snapshot: BenefitsSnapshot;
  /**
   * The phrase of a command this person may use, in their language (undefined when they may not,
   * or when the card is drawn where no commands are at hand): buttons that run a command.
   */
  commandPhrase?: (commandId: string) => string | undefined;
}

/** What the category cards can show: the benefit groups, plus the packages they came in. */
export const BENEFIT_VIEWS = [...BENEFIT_GROUPS, 'packages'] as const;
export type BenefitView = (typeof BENEFIT_VIEWS)[number];

/** Items per page of a category card: keeps the card far below Teams' ~28 KB. */
export const PAGE_SIZE = 5;

export type Item = BenefitsListView['items'][number];

export interface Notice {
  text: string;
  style: BenefitsListView['noticeStyle'];
}
