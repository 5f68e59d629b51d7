import { displayPhone, type ContactProblem, type GtmOverview, type GtmState } from '../../domain/gtm';
import type { MarketingContact, Member } from '../../domain/model';
import { SUPPORT_CATALOGUE, type SupportCatalogue } from '../../domain/supportCatalogue';
import { formatDate, type Translator } from '../../i18n';
import { subtitle, tierLabel, tierList } from '../support/views';
import {
  activationButtons,
  type ActivationPermissions,
  type BenefitVerbButton,
} from '../shared/activationViews';
import gtmTemplate from '../../../cards/gtm/gtm.json';
import marketingContactFormTemplate from '../../../cards/gtm/marketingContactForm.json';
import { cardTemplate, type AdaptiveCard, type CardNotice, type Fact, type CardRender } from '../../cards';

export interface GtmView {
  title: string;
  subtitle: string;
  notices: CardNotice[];
  contactLabel: string;
  contact: Fact[];
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
  people: Fact[];
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
  languages: Fact[];
  saveTitle: string;
  cancelTitle: string;
}

export const renderGtm: CardRender<GtmView> = cardTemplate(gtmTemplate, { gtmView: 'gtm.view' });
export const renderMarketingContactForm = cardTemplate<MarketingContactFormView>(
  marketingContactFormTemplate,
);

export const GTM_PAGE_SIZE = 8;
/** People offered as marketing contact in the form (a card must stay small). */
export const CONTACT_PEOPLE_LIMIT = 50;

type Notice = GtmView['notices'][number];

/** A language's own name in the reader's language ("Chinese (Simplified)", "简体中文"). */
export function languageName(tr: Translator, code: string): string {
  try {
    return new Intl.DisplayNames([tr.locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export const contactCommand = (tr: Translator): string =>
  tr.locale === 'zh-CN' ? '营销联系人' : 'marketing contact';

export interface GtmViewInput extends ActivationPermissions {
  overview: GtmOverview;
  tenantName: string;
  canSetContact: boolean;
  delayDays: number;
  page?: number;
  notice?: Notice;
  catalogue?: SupportCatalogue;
}

function offerRow(
  tr: Translator,
  s: GtmState,
  input: GtmViewInput,
  sharedOffer: boolean,
): GtmView['offers'][number] {
  const d = s.benefit.details;
  const e = s.eligibility;
  const entry = 'entry' in e ? e.entry : undefined;
  const offerName = entry ? entry.label[tr.locale] : d.offer;
  // Two benefits of one offer (a core one and an add-on's): their buttons name the benefit.
  const benefitName = tr.locale === 'zh-CN' ? (s.benefit.nameZh ?? s.benefit.name) : s.benefit.name;
  const buttonName = sharedOffer ? benefitName : offerName;
  const lastDayPassed = s.status === 'notActivated' && s.expired;
  const status = s.status === 'active' && s.expired ? 'expired' : lastDayPassed ? 'expired' : s.status;
  const notes: { text: string }[] = [];
  if (s.status === 'pending' && d.requestedOn) {
    notes.push({
      text: tr.t('gtm.note.pending', {
        date: formatDate(tr.locale, d.requestedOn),
        completes: formatDate(tr.locale, s.completesOn ?? d.requestedOn),
      }),
    });
  }
  if (s.status === 'active' && d.activatedOn)
    notes.push({ text: tr.t('gtm.note.active', { date: formatDate(tr.locale, d.activatedOn) }) });
  if (lastDayPassed)
    notes.push({ text: tr.t('gtm.note.lastDayPassed', { date: formatDate(tr.locale, s.expiresOn) }) });
  if (!e.eligible && s.status === 'notActivated') {
    const standing = input.overview.standing;
    if (e.reason === 'unknownOffer') notes.push({ text: tr.t('gtm.note.unknownOffer') });
    else if (e.reason === 'competency')
      notes.push({ text: tr.t('gtm.note.competency', { areas: e.areas.join(', ') }) });
    else if (e.reason === 'tier' && standing.ok)
      notes.push({
        text: tr.t('gtm.note.ineligible', {
          tier: tierLabel(tr, standing.tier),
          tiers: tierList(tr, e.unlockTiers),
        }),
      });
    else notes.push({ text: tr.t('gtm.note.ineligibleNoTier', { tiers: tierList(tr, e.unlockTiers) }) });
  }
  const actions = activationButtons('gtm', s, input, (act) =>
    tr.t(act === 'activate' ? 'gtm.button.activate' : 'gtm.button.complete', { offer: buttonName }),
  );
  // Completing by hand exists only in local mode: the row says so next to its button.
  if (actions.some((a) => a.verb === 'gtm.complete')) notes.push({ text: tr.t('gtm.note.completeLocal') });
  return {
    name: s.benefit.name,
    offer: offerName.toLowerCase() === s.benefit.name.toLowerCase() ? [] : [{ text: offerName }],
    status: tr.t(`gtm.status.${status}`),
    expires:
      s.status === 'active'
        ? formatDate(tr.locale, s.expiresOn)
        : s.status === 'notActivated' && !lastDayPassed
          ? tr.t('gtm.expires.activateBy', { date: formatDate(tr.locale, s.expiresOn) })
          : tr.t('gtm.expires.none'),
    notes,
    actions,
  };
}

export function contactFacts(tr: Translator, contact: MarketingContact): { title: string; value: string }[] {
  return [
    { title: tr.t('gtm.contact.name'), value: contact.name },
    { title: tr.t('gtm.contact.email'), value: contact.email },
    { title: tr.t('gtm.contact.phone'), value: displayPhone(contact) },
    { title: tr.t('gtm.contact.language'), value: languageName(tr, contact.language) },
  ];
}

export function gtmView(tr: Translator, input: GtmViewInput): GtmView {
  const { standing, contact, offers } = input.overview;
  const pageCount = Math.max(1, Math.ceil(offers.length / GTM_PAGE_SIZE));
  const page = Math.min(Math.max(0, input.page ?? 0), pageCount - 1);
  const pages: GtmView['pages'] = [];
  if (page > 0) pages.push({ title: tr.t('support.button.previous'), page: page - 1 });
  if (page < pageCount - 1) pages.push({ title: tr.t('support.button.next'), page: page + 1 });
  return {
    title: tr.t('gtm.title'),
    subtitle: subtitle(tr, input.tenantName, standing),
    notices: input.notice ? [input.notice] : [],
    contactLabel: tr.t('gtm.contact.label'),
    contact: contact ? contactFacts(tr, contact) : [],
    contactMissing: contact ? [] : [{ text: tr.t('gtm.contact.none') }],
    contactButtons: input.canSetContact
      ? [{ title: tr.t(contact ? 'gtm.contact.change' : 'gtm.contact.set'), command: contactCommand(tr) }]
      : [],
    offerHeader: tr.t('gtm.col.offer'),
    statusHeader: tr.t('gtm.col.status'),
    expiresHeader: tr.t('gtm.col.expires'),
    offers: offers
      .slice(page * GTM_PAGE_SIZE, (page + 1) * GTM_PAGE_SIZE)
      .map((s) =>
        offerRow(
          tr,
          s,
          input,
          offers.filter((o) => o.benefit.details.offer === s.benefit.details.offer).length > 1,
        ),
      ),
    empty: offers.length === 0 ? [{ text: tr.t('gtm.empty') }] : [],
    footer: [
      pageCount > 1 ? tr.t('support.page', { page: page + 1, pages: pageCount }) : '',
      tr.t('gtm.footer', { days: input.delayDays }),
    ]
      .filter(Boolean)
      .join(' · '),
    page,
    pages,
    refreshTitle: tr.t('gtm.button.refresh'),
  };
}

export function gtmCard(tr: Translator, input: GtmViewInput): AdaptiveCard {
  return renderGtm(gtmView(tr, input));
}

/* ------------------------------------------------------------------ contact form */

export interface ContactFormInput {
  people: readonly Member[];
  /** More people in the directory than the form lists. */
  truncated: boolean;
  accountEmail?: string;
  current?: MarketingContact;
  values: { person?: string; email?: string; phone?: string; language?: string };
  problems: readonly ContactProblem[];
  catalogue?: SupportCatalogue;
}

export function marketingContactFormView(tr: Translator, input: ContactFormInput): MarketingContactFormView {
  const catalogue = input.catalogue ?? SUPPORT_CATALOGUE;
  return {
    title: tr.t('gtm.form.title'),
    intro: input.accountEmail
      ? tr.t('gtm.form.intro', { accountEmail: input.accountEmail })
      : tr.t('gtm.form.introNoAccount'),
    current: input.current ? [{ text: tr.t('gtm.form.current', { name: input.current.name }) }] : [],
    problemBox:
      input.problems.length > 0
        ? [
            {
              label: tr.t('gtm.form.problems'),
              items: input.problems.map((p) => ({ text: tr.t(p.key, p.params) })),
            },
          ]
        : [],
    personLabel: tr.t('gtm.form.person'),
    personPlaceholder: tr.t('gtm.form.personPlaceholder'),
    person: input.values.person ?? '',
    people: input.people.map((m) => ({
      title: m.email ? `${m.name} (${m.email})` : m.name,
      value: m.aadObjectId,
    })),
    peopleNote: input.truncated
      ? [{ text: tr.t('gtm.form.moreMembers', { count: input.people.length }) }]
      : [],
    emailLabel: tr.t('gtm.form.email'),
    emailPlaceholder: tr.t('gtm.form.emailPlaceholder'),
    email: input.values.email ?? '',
    phoneLabel: tr.t('gtm.form.phone'),
    phonePlaceholder: tr.t('gtm.form.phonePlaceholder'),
    phone: input.values.phone ?? '',
    languageLabel: tr.t('gtm.form.language'),
    languagePlaceholder: tr.t('gtm.form.languagePlaceholder'),
    language: input.values.language ?? '',
    languages: catalogue.contactLanguages.map((code) => ({ title: languageName(tr, code), value: code })),
    saveTitle: tr.t('gtm.form.save'),
    cancelTitle: tr.t('gtm.form.cancel'),
  };
}

export function marketingContactFormCard(tr: Translator, input: ContactFormInput): AdaptiveCard {
  return renderMarketingContactForm(marketingContactFormView(tr, input));
}
