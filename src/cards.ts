import * as ACData from 'adaptivecards-templating';
import actionConfirmTemplate from '../cards/shared/actionConfirm.json';
import auditTemplate from '../cards/audit/audit.json';
import enrollAgreementTemplate from '../cards/enroll/enrollAgreement.json';
import enrollCodeTemplate from '../cards/enroll/enrollCode.json';
import enrollDetailsTemplate from '../cards/enroll/enrollDetails.json';
import enrollQuestionTemplate from '../cards/enroll/enrollQuestion.json';
import membershipTemplate from '../cards/membership/membership.json';
import roleDirectoryTemplate from '../cards/roleAdmin/roleDirectory.json';
import directoryTemplate from '../cards/directory/directory.json';
import directoryRemoveTemplate from '../cards/directory/directoryRemove.json';
import directoryRosterTemplate from '../cards/directory/directoryRoster.json';
import benefitsConfirmTemplate from '../cards/benefits/benefitsConfirm.json';
import benefitsListTemplate from '../cards/benefits/benefitsList.json';
import benefitsSummaryTemplate from '../cards/benefits/benefitsSummary.json';
import creditManageTemplate from '../cards/benefits/creditManage.json';
import gtmTemplate from '../cards/gtm/gtm.json';
import helpTemplate from '../cards/core/help.json';
import marketingContactFormTemplate from '../cards/gtm/marketingContactForm.json';
import messageTemplate from '../cards/shared/message.json';
import rolesTemplate from '../cards/core/roles.json';
import supportTemplate from '../cards/support/support.json';
import supportAdviceTemplate from '../cards/support/supportAdvice.json';
import expiryDigestTemplate from '../cards/notices/expiryDigest.json';
import expiryNoticeTemplate from '../cards/notices/expiryNotice.json';
import noticeSubscriptionTemplate from '../cards/notices/noticeSubscription.json';
import seatPoolsTemplate from '../cards/seats/seatPools.json';
import seatRequestTemplate from '../cards/seats/seatRequest.json';
import seatRequestListTemplate from '../cards/seats/seatRequestList.json';
import seatRequestDigestTemplate from '../cards/seats/seatRequestDigest.json';
import softwareProductTemplate from '../cards/benefits/softwareProduct.json';
import faqTemplate from '../cards/faq/faq.json';
import clarifyTemplate from '../cards/shared/clarify.json';
import deliveryReportTemplate from '../cards/reports/deliveryReport.json';
import usageDigestTemplate from '../cards/reports/usageDigest.json';
import peopleTableTemplate from '../cards/shared/peopleTable.json';

/**
 * Cards are JSON templates in `cards/` plus one typed view model each; `renderCard` is the only
 * way a card is made. Templates hold no logic beyond `${}` binding: every word in a view model
 * is already localised by the code that builds it.
 */

export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

export interface HelpView {
  title: string;
  intro: string;
  commands: { command: string; description: string }[];
  footer: string;
  buttons: { title: string; command: string }[];
}

export interface RolesView {
  title: string;
  subtitle: string;
  heldLabel: string;
  roles: { name: string }[];
  allowsLabel: string;
  allows: { text: string }[];
  refreshTitle: string;
  updatedAt: string;
}

export interface MessageView {
  style: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
  title: string;
  text: string;
}

export interface SeatRequestView {
  requestId: string;
  /** Teams user ids (`29:…`) of the approvers: Teams refreshes the card for them (max 60). */
  refreshUserIds: string[];
  title: string;
  facts: { title: string; value: string }[];
  statusStyle: 'default' | 'good' | 'attention' | 'warning' | 'accent';
  statusLabel: string;
  statusText: string;
  warnings: { text: string }[];
  /** Empty unless the viewer may decide and the request is pending. */
  approveButtons: { title: string; requestId: string }[];
  rejectButtons: {
    title: string;
    requestId: string;
    reasonLabel: string;
    reasonRequired: string;
    confirmTitle: string;
  }[];
}

export interface SeatPoolsView {
  title: string;
  pools: {
    name: string;
    usage: string;
    seats: {
      text: string;
      note: string;
      releaseButtons: { title: string; assignmentId: string }[];
      /** A person picker in a ShowCard; the server refuses a reassignment before 90 days and says when. */
      reassignButtons: {
        title: string;
        assignmentId: string;
        /** Unique per seat: one card holds a picker per seat, and input ids must not repeat. */
        inputId: string;
        label: string;
        confirmTitle: string;
        choices: { title: string; value: string }[];
      }[];
    }[];
  }[];
}

export interface SeatRequestListView {
  title: string;
  empty: { text: string }[];
  rows: { text: string; status: string; reviewButtons: { title: string; requestId: string }[] }[];
}

/** "N seat requests waiting": one card for an approver instead of one per request, kept current. */
export interface SeatRequestDigestView {
  title: string;
  empty: { text: string }[];
  rows: {
    text: string;
    justification: string;
    approveButtons: { title: string; requestId: string }[];
    rejectButtons: {
      title: string;
      requestId: string;
      /** The row's own input id (ids must be unique in a card); `row` says which one to read. */
      reasonId: string;
      row: number;
      reasonLabel: string;
      reasonRequired: string;
      confirmTitle: string;
    }[];
  }[];
  more: { text: string }[];
}

/* Benefits (list, software keys, Azure credit, licence keys, package cancellation). */

/** An Action.Execute button: verb + ids only; the server re-reads and re-checks everything. */
export interface BenefitButton {
  title: string;
  verb: string;
  data: Record<string, string | number | boolean>;
  style: 'default' | 'positive' | 'destructive';
}
export interface BenefitFact {
  title: string;
  value: string;
}
export interface BenefitChoice {
  title: string;
  value: string;
}
type BenefitNoticeStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';

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
    open: BenefitButton;
  }[];
  showPackages: boolean;
  packagesTitle: string;
  packages: { text: string }[];
  buttons: BenefitButton[];
}

export interface BenefitsListView {
  title: string;
  subtitle: string;
  hasNotice: boolean;
  notice: string;
  noticeStyle: BenefitNoticeStyle;
  isEmpty: boolean;
  empty: string;
  items: {
    title: string;
    hasSubtitle: boolean;
    subtitle: string;
    hasFacts: boolean;
    facts: BenefitFact[];
    lines: { text: string }[];
    hasActions: boolean;
    links: { title: string; url: string }[];
    buttons: BenefitButton[];
  }[];
  hasPager: boolean;
  pageText: string;
  nav: BenefitButton[];
}

export interface SoftwareProductView {
  title: string;
  subtitle: string;
  facts: BenefitFact[];
  hasInstructions: boolean;
  instructionsLabel: string;
  instructions: string;
  keyStyle: BenefitNoticeStyle;
  keyLabel: string;
  /** The real key only on the card answering a reveal; masked everywhere else. */
  keyText: string;
  keyNote: string;
  canReveal: boolean;
  pickLabel: string;
  pickPlaceholder: string;
  languageLabel: string;
  languages: BenefitChoice[];
  osLabel: string;
  osTypes: BenefitChoice[];
  reveal: BenefitButton;
  download: { title: string; url: string };
  nav: BenefitButton[];
}

export interface CreditManageView {
  title: string;
  subtitle: string;
  hasNotice: boolean;
  notice: string;
  noticeStyle: BenefitNoticeStyle;
  facts: BenefitFact[];
  ruleNote: string;
  showPeople: boolean;
  peopleLabel: string;
  people: { name: string; detail: string; hasButtons: boolean; buttons: BenefitButton[] }[];
  canPick: boolean;
  pickLabel: string;
  pickPlaceholder: string;
  choices: BenefitChoice[];
  pick: BenefitButton;
  nav: BenefitButton[];
}

export interface BenefitsConfirmView {
  title: string;
  subtitle: string;
  facts: BenefitFact[];
  hasWarning: boolean;
  warningStyle: BenefitNoticeStyle;
  warnings: { text: string }[];
  lines: { text: string }[];
  options: {
    title: string;
    hasFacts: boolean;
    facts: BenefitFact[];
    lines: { text: string }[];
    hasButtons: boolean;
    buttons: BenefitButton[];
  }[];
  buttons: BenefitButton[];
}

/* Technical support benefits and Go-To-Market. */

type SupportStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
/** An Action.Execute on one benefit: verb + benefit id only. */
export interface BenefitVerbButton {
  title: string;
  verb: string;
  benefitId: string;
}

export interface SupportView {
  title: string;
  subtitle: string;
  notices: { text: string; style: SupportStyle }[];
  benefits: {
    name: string;
    kind: string;
    status: string;
    lines: { text: string }[];
    /** Access ID and Contract ID, once active: every member of the organisation may see them. */
    ids: { title: string; value: string }[];
    actions: BenefitVerbButton[];
  }[];
  locked: { label: string; items: { text: string }[] }[];
  footer: string;
  page: number;
  pages: { title: string; page: number }[];
  refreshTitle: string;
  requestTitle: string;
  requestCommand: string;
}

export interface SupportAdviceView {
  title: string;
  facts: { title: string; value: string }[];
  explanation: string;
  style: SupportStyle;
  lines: { text: string }[];
  ids: { title: string; value: string }[];
  executes: BenefitVerbButton[];
  buttons: { title: string; command: string }[];
}

export interface GtmView {
  title: string;
  subtitle: string;
  notices: { text: string; style: SupportStyle }[];
  contactLabel: string;
  contact: { title: string; value: string }[];
  contactMissing: { text: string }[];
  contactButtons: { title: string; command: string }[];
  offerHeader: string;
  statusHeader: string;
  expiresHeader: string;
  offers: {
    name: string;
    /** The offer type, when the benefit's name does not already say it. */
    offer: { text: string }[];
    status: string;
    expires: string;
    notes: { text: string }[];
    actions: BenefitVerbButton[];
  }[];
  empty: { text: string }[];
  footer: string;
  page: number;
  pages: { title: string; page: number }[];
  refreshTitle: string;
}

export interface MarketingContactFormView {
  title: string;
  intro: string;
  current: { text: string }[];
  problemBox: { label: string; items: { text: string }[] }[];
  personLabel: string;
  personPlaceholder: string;
  person: string;
  people: { title: string; value: string }[];
  peopleNote: { text: string }[];
  emailLabel: string;
  emailPlaceholder: string;
  email: string;
  phoneLabel: string;
  phonePlaceholder: string;
  phone: string;
  languageLabel: string;
  languagePlaceholder: string;
  language: string;
  languages: { title: string; value: string }[];
  saveTitle: string;
  cancelTitle: string;
}

export interface EnrollDetailsView {
  title: string;
  intro: string;
  facts: { title: string; value: string }[];
  problems: { label: string; items: { text: string }[] }[];
  companyLabel: string;
  companyFields: { id: string; label: string; value: string; maxLength: number }[];
  contactLabel: string;
  contactHint: string;
  contactFields: { id: string; label: string; value: string; maxLength: number; style: 'text' | 'email' }[];
  submitTitle: string;
}

export interface EnrollQuestionView {
  title: string;
  text: string;
  buttons: { title: string; style: 'positive' | 'default' | 'destructive'; answer: string }[];
}

export interface EnrollCodeView {
  title: string;
  text: string;
  notices: { style: 'default' | 'good' | 'attention' | 'warning' | 'accent' | 'emphasis'; text: string }[];
  codeLabel: string;
  codePlaceholder: string;
  confirmTitle: string;
  resendTitle: string;
  editTitle: string;
}

export interface EnrollAgreementView {
  title: string;
  intro: string;
  terms: { text: string }[];
  problems: { text: string }[];
  authorityLabel: string;
  acceptLabel: string;
  acceptTitle: string;
  declineTitle: string;
}

export interface MembershipView {
  title: string;
  subtitle: string;
  banners: { style: 'default' | 'good' | 'attention' | 'warning' | 'accent' | 'emphasis'; text: string }[];
  facts: { title: string; value: string }[];
  /** Action.Submit buttons that start a command (enrol / continue enrolment). */
  continueButtons: { title: string; command: string }[];
  /** Local mode only, for a Global admin while under review. */
  approveButtons: { title: string }[];
  /** Local mode only: the demo stand-in for the programme's review of a competency application. */
  reviewButtons: { title: string; data: { application: string; decision: 'approve' | 'decline' } }[];
  renewButtons: { title: string; expiresOn: string }[];
  upgrade: {
    title: string;
    label: string;
    choices: { title: string; value: string }[];
    reviewTitle: string;
  }[];
  refreshTitle: string;
  updatedAt: string;
}

/** A confirmation step of an Action.Execute flow: Confirm repeats the verb with `confirm: true`. */
export interface ActionConfirmView {
  title: string;
  paragraphs: { text: string }[];
  warnings: { text: string }[];
  confirmTitle: string;
  confirmVerb: string;
  confirmData: Record<string, string | number | boolean>;
  backTitle: string;
  backVerb: string;
}

export interface RoleDirectoryView {
  title: string;
  notices: { style: 'default' | 'good' | 'attention' | 'warning' | 'accent' | 'emphasis'; text: string }[];
  groups: { role: string; people: string }[];
  employeesText: string;
  /** Empty unless the viewer may grant or revoke roles. */
  manage: {
    label: string;
    personLabel: string;
    personPlaceholder: string;
    people: { title: string; value: string }[];
    notes: { text: string }[];
    roleLabel: string;
    rolePlaceholder: string;
    roles: { title: string; value: string }[];
    hints: { text: string }[];
    grantTitle: string;
    revokeTitle: string;
  }[];
  refreshTitle: string;
  updatedAt: string;
}

type Notice = { style: 'default' | 'good' | 'attention' | 'warning' | 'accent' | 'emphasis'; text: string };

export interface DirectoryView {
  title: string;
  notices: Notice[];
  countText: string;
  people: { title: string; value: string }[];
  notes: { text: string }[];
  pending: { title: string; lines: { text: string }[] }[];
  /** Empty unless the viewer may add people. */
  addFromTeam: {
    label: string;
    hints: { text: string }[];
    pickers: {
      teamLabel: string;
      teamPlaceholder: string;
      firstTeam: string;
      teams: { title: string; value: string }[];
      showTitle: string;
    }[];
  }[];
  addByEmail: {
    label: string;
    hint: string;
    nameLabel: string;
    emailLabel: string;
    guestLabel: string;
    addTitle: string;
  }[];
  /** Empty unless the viewer may remove people. */
  remove: {
    label: string;
    personLabel: string;
    personPlaceholder: string;
    people: { title: string; value: string }[];
    askTitle: string;
  }[];
  refreshTitle: string;
  updatedAt: string;
}

export interface DirectoryRosterView {
  title: string;
  notices: Notice[];
  choose: {
    label: string;
    people: { title: string; value: string }[];
    addTitle: string;
    data: Record<string, string>;
  }[];
  next: { title: string; data: Record<string, string> }[];
  backTitle: string;
}

export interface DirectoryRemoveView {
  title: string;
  notices: Notice[];
  paragraphs: { text: string }[];
  transfers: { inputId: string; label: string; people: { title: string; value: string }[] }[];
  warnings: { text: string }[];
  confirmTitle: string;
  confirmData: Record<string, string | boolean>;
  backTitle: string;
}

export interface AuditView {
  title: string;
  subtitle: string;
  personLabel: string;
  person: string;
  people: { title: string; value: string }[];
  actionLabel: string;
  action: string;
  actions: { title: string; value: string }[];
  filterTitle: string;
  empty: { text: string }[];
  items: { line: string; what: string; details: { text: string }[] }[];
  pages: { title: string; offset: number; person: string; action: string }[];
}

export interface ExpiryNoticeView {
  style: 'attention' | 'warning';
  when: string;
  name: string;
  facts: { title: string; value: string }[];
  hint: string;
}

export interface ExpiryDigestView {
  title: string;
  /** Urgent rows (a week or less, expired) are bold; colour alone is unreadable in some Teams themes. */
  rows: { name: string; kind: string; when: string; weight: 'Bolder' | 'Default' }[];
  hint: string;
}

export interface NoticeSubscriptionView {
  title: string;
  summary: string;
  categoriesLabel: string;
  /** Comma-separated values of the chosen kinds (Input.ChoiceSet multi-select format). */
  selected: string;
  choices: { title: string; value: string }[];
  saveTitle: string;
  stopTitle: string;
  subscriptionId: string;
}

/** An answer to a question about the rules; buttons start the related command. */
export interface FaqView {
  title: string;
  paragraphs: { text: string }[];
  hasFacts: boolean;
  facts: { title: string; value: string }[];
  footer: string;
  buttons: { title: string; command: string }[];
}

/** "Did you mean…?": the likely meanings of an unclear message as Action.Submit buttons. */
export interface ClarifyView {
  title: string;
  buttons: { title: string; command: string }[];
}

/** The reminder delivery report: per channel its last scans, what did not arrive and why, what is next. */
export interface DeliveryReportView {
  title: string;
  notes: { text: string }[];
  channels: {
    name: string;
    state: string;
    off: { text: string }[];
    scans: { text: string }[];
    problems: {
      text: string;
      weight: 'Default' | 'Bolder';
      resend: { title: string; noticeId: string }[];
    }[];
  }[];
  nextTitle: string;
  next: { text: string }[];
  refreshTitle: string;
}

/**
 * The utilisation digest: a `Chart.Donut` per seat pool (Teams draws it; the Playground and older
 * clients show the `fallback` text with the same figures) and one section per kind of benefit.
 */
export interface UsageDigestView {
  title: string;
  seatsTitle: string;
  noPools: { text: string }[];
  pools: { name: string; chart: { legend: string; value: number; color: string }[]; text: string }[];
  sections: {
    title: string;
    lines: {
      text: string;
      weight: 'Default' | 'Bolder';
      buttons: { title: string; command: string }[];
    }[];
  }[];
}

/** "Who has what": one block per person, paged, with the buttons the viewer may use. */
export interface PeopleTableView {
  title: string;
  subtitle: string;
  rows: { name: string; lines: { text: string }[]; buttons: { title: string; command: string }[] }[];
  pages: { title: string; offset: number }[];
}

export interface CardViews {
  enrollDetails: EnrollDetailsView;
  enrollQuestion: EnrollQuestionView;
  enrollCode: EnrollCodeView;
  enrollAgreement: EnrollAgreementView;
  membership: MembershipView;
  actionConfirm: ActionConfirmView;
  roleDirectory: RoleDirectoryView;
  directory: DirectoryView;
  directoryRoster: DirectoryRosterView;
  directoryRemove: DirectoryRemoveView;
  audit: AuditView;
  benefitsSummary: BenefitsSummaryView;
  benefitsList: BenefitsListView;
  softwareProduct: SoftwareProductView;
  creditManage: CreditManageView;
  benefitsConfirm: BenefitsConfirmView;
  help: HelpView;
  roles: RolesView;
  message: MessageView;
  support: SupportView;
  supportAdvice: SupportAdviceView;
  gtm: GtmView;
  marketingContactForm: MarketingContactFormView;
  seatRequest: SeatRequestView;
  seatPools: SeatPoolsView;
  seatRequestList: SeatRequestListView;
  seatRequestDigest: SeatRequestDigestView;
  expiryNotice: ExpiryNoticeView;
  expiryDigest: ExpiryDigestView;
  noticeSubscription: NoticeSubscriptionView;
  faq: FaqView;
  clarify: ClarifyView;
  deliveryReport: DeliveryReportView;
  usageDigest: UsageDigestView;
  peopleTable: PeopleTableView;
}

export const CARD_TEMPLATES: Record<keyof CardViews, object> = {
  enrollDetails: enrollDetailsTemplate,
  enrollQuestion: enrollQuestionTemplate,
  enrollCode: enrollCodeTemplate,
  enrollAgreement: enrollAgreementTemplate,
  membership: membershipTemplate,
  actionConfirm: actionConfirmTemplate,
  roleDirectory: roleDirectoryTemplate,
  directory: directoryTemplate,
  directoryRoster: directoryRosterTemplate,
  directoryRemove: directoryRemoveTemplate,
  audit: auditTemplate,
  benefitsSummary: benefitsSummaryTemplate,
  benefitsList: benefitsListTemplate,
  softwareProduct: softwareProductTemplate,
  creditManage: creditManageTemplate,
  benefitsConfirm: benefitsConfirmTemplate,
  help: helpTemplate,
  roles: rolesTemplate,
  message: messageTemplate,
  support: supportTemplate,
  supportAdvice: supportAdviceTemplate,
  gtm: gtmTemplate,
  marketingContactForm: marketingContactFormTemplate,
  seatRequest: seatRequestTemplate,
  seatPools: seatPoolsTemplate,
  seatRequestList: seatRequestListTemplate,
  seatRequestDigest: seatRequestDigestTemplate,
  expiryNotice: expiryNoticeTemplate,
  expiryDigest: expiryDigestTemplate,
  noticeSubscription: noticeSubscriptionTemplate,
  faq: faqTemplate,
  clarify: clarifyTemplate,
  deliveryReport: deliveryReportTemplate,
  usageDigest: usageDigestTemplate,
  peopleTable: peopleTableTemplate,
};

/** Teams refuses or truncates big cards; keep every card well under this. */
export const MAX_CARD_BYTES = 28 * 1024;

const compiled = new Map<keyof CardViews, ACData.Template>();

export function renderCard<K extends keyof CardViews>(name: K, view: CardViews[K]): AdaptiveCard {
  let template = compiled.get(name);
  if (!template) {
    template = new ACData.Template(CARD_TEMPLATES[name]);
    compiled.set(name, template);
  }
  return template.expand({ $root: view }) as AdaptiveCard;
}

export function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
