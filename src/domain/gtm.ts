import { z } from 'zod';
import {
  completionDay,
  isDue,
  isGtm,
  programmeStanding,
  tiersAmong,
  type ActivationSettings,
  type GtmBenefit,
  type Standing,
} from './activation';
import {
  ActivationLifecycle,
  type ActivationContext,
  type ActivationResult,
  type EffectiveStatus,
} from './activationLifecycle';
import type { AuditLog } from './audit';
import { addDays, isExpired } from './dates';
import { RuleViolation, type RuleKey } from './errors';
import { memberId, type MarketingContact, type Membership } from './model';
import { mutate } from './mutate';
import type { Actor } from './policy';
import type { Clock } from './ports';
import type { Repositories } from './repositories';
import { readMembership } from './support';
import {
  SUPPORT_CATALOGUE,
  type GtmOfferEntry,
  type ProgrammeTier,
  type SupportCatalogue,
} from './supportCatalogue';

/**
 * Go-To-Market: the company marketing contact (a person of the directory, an email that is not
 * the partner account's, a phone number, a preferred language) and the offers, which can be
 * activated only once a contact exists, stay pending for a few days, then run until their expiry.
 */

export const MARKETING_CONTACT_ID = 'marketingContact';

/* ------------------------------------------------------------------ contact */

/**
 * A phone number in international form: `+`, country code and number; spaces, dots, hyphens,
 * brackets and a "(0)" trunk prefix are dropped, a leading `00` means `+`. E.164 allows at most
 * 15 digits; fewer than 8 is no real number. Undefined when it is not one.
 */
export function normalisePhone(raw: string): string | undefined {
  let s = raw.trim().replace(/\(0\)/g, '');
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  if (!/^\+[\d\s().\-/]+$/.test(s)) return undefined;
  const normalised = `+${s.slice(1).replace(/[\s().\-/]/g, '')}`;
  return /^\+[1-9]\d{7,14}$/.test(normalised) ? normalised : undefined;
}

/**
 * The number as typed, for display: surrounding and repeated spaces dropped, a leading `00`
 * written as `+`. Undefined when it is not a valid number, or too long to be shown as typed
 * (separators piled up between the digits; at most {@link PHONE_AS_TYPED_MAX} characters).
 */
export function phoneAsTyped(raw: string): string | undefined {
  const trimmed = raw.trim().replace(/\s+/g, ' ');
  if (!normalisePhone(trimmed)) return undefined;
  const typed = trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
  return typed.length <= PHONE_AS_TYPED_MAX ? typed : undefined;
}

export const PHONE_AS_TYPED_MAX = 40;

/** Calling codes of one and two digits (ITU-T E.164 assignments); every other code has three. */
const SHORT_CALLING_CODES = new Set([
  '1',
  '7',
  '20',
  '27',
  '30',
  '31',
  '32',
  '33',
  '34',
  '36',
  '39',
  '40',
  '41',
  '43',
  '44',
  '45',
  '46',
  '47',
  '48',
  '49',
  '51',
  '52',
  '53',
  '54',
  '55',
  '56',
  '57',
  '58',
  '60',
  '61',
  '62',
  '63',
  '64',
  '65',
  '66',
  '81',
  '82',
  '84',
  '86',
  '90',
  '91',
  '92',
  '93',
  '94',
  '95',
  '98',
]);

/**
 * A normalised number grouped for reading: the calling code, then the national number in groups
 * of four from the end ("+86 21 5555 0100"); North American numbers as 3-3-4 ("+1 425 555 0100").
 */
export function groupPhone(e164: string): string {
  const digits = e164.replace(/^\+/, '');
  const codeLength = SHORT_CALLING_CODES.has(digits.slice(0, 1))
    ? 1
    : SHORT_CALLING_CODES.has(digits.slice(0, 2))
      ? 2
      : 3;
  const code = digits.slice(0, codeLength);
  const national = digits.slice(codeLength);
  if (code === '1' && national.length === 10)
    return `+1 ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
  const groups: string[] = [];
  for (let end = national.length; end > 0; end -= 4)
    groups.unshift(national.slice(Math.max(0, end - 4), end));
  return [`+${code}`, ...groups].join(' ');
}

/**
 * The contact's number as people read it: as typed when it still is the stored number, otherwise
 * (older documents, or a typed form that no longer matches) the grouped normalised number.
 */
export function displayPhone(contact: Pick<MarketingContact, 'phone' | 'phoneAsTyped'>): string {
  const typed = contact.phoneAsTyped;
  return typed && normalisePhone(typed) === contact.phone ? typed : groupPhone(contact.phone);
}

export interface ContactInput {
  aadObjectId?: string;
  email?: string;
  phone?: string;
  language?: string;
}

export type ContactField = 'person' | 'email' | 'phone' | 'language';

/** One thing wrong with a contact: the i18n key that says it, and its parameters. */
export interface ContactProblem {
  field: ContactField;
  key: RuleKey;
  params?: Record<string, string>;
}

export interface ContactContext {
  /** The chosen person as read from THIS tenant's directory (undefined: not there). */
  person?: { aadObjectId: string; name: string };
  membership?: Membership;
  languages: readonly string[];
}

const emailSchema = z.email();

/** Every problem at once, so the form can say them all; a clean contact when there are none. */
export function checkContact(
  input: ContactInput,
  ctx: ContactContext,
):
  | {
      ok: true;
      value: {
        aadObjectId: string;
        name: string;
        email: string;
        phone: string;
        phoneAsTyped: string;
        language: string;
      };
    }
  | { ok: false; problems: ContactProblem[] } {
  const problems: ContactProblem[] = [];
  const aad = input.aadObjectId?.trim() ?? '';
  if (!aad) problems.push({ field: 'person', key: 'gtm.contact.personMissing' });
  else if (!ctx.person) problems.push({ field: 'person', key: 'gtm.contact.personNotInDirectory' });

  const email = input.email?.trim().toLowerCase() ?? '';
  const accountEmail = ctx.membership?.accountEmail?.trim().toLowerCase();
  if (!email) problems.push({ field: 'email', key: 'gtm.contact.emailMissing' });
  else if (email.length > 320 || !emailSchema.safeParse(email).success)
    problems.push({ field: 'email', key: 'gtm.contact.emailInvalid' });
  else if (accountEmail && email === accountEmail)
    problems.push({ field: 'email', key: 'gtm.contact.emailSameAsAccount', params: { email: accountEmail } });

  const rawPhone = input.phone?.trim() ?? '';
  const phone = rawPhone ? normalisePhone(rawPhone) : undefined;
  if (!rawPhone) problems.push({ field: 'phone', key: 'gtm.contact.phoneMissing' });
  else if (!phone) problems.push({ field: 'phone', key: 'gtm.contact.phoneInvalid' });

  const language = input.language?.trim() ?? '';
  if (!language) problems.push({ field: 'language', key: 'gtm.contact.languageMissing' });
  else if (!ctx.languages.includes(language))
    problems.push({ field: 'language', key: 'gtm.contact.languageUnknown' });

  if (problems.length > 0 || !ctx.person || !phone) return { ok: false, problems };
  return {
    ok: true,
    value: {
      aadObjectId: ctx.person.aadObjectId,
      name: ctx.person.name,
      email,
      phone,
      phoneAsTyped: phoneAsTyped(rawPhone) ?? groupPhone(phone),
      language,
    },
  };
}

/* ------------------------------------------------------------------ offers */

export type GtmEligibility =
  | { eligible: true; entry: GtmOfferEntry }
  | { eligible: false; reason: 'unknownOffer' }
  | { eligible: false; reason: 'tier'; entry: GtmOfferEntry; unlockTiers: ProgrammeTier[] }
  | { eligible: false; reason: 'competency'; entry: GtmOfferEntry; areas: string[] }
  | {
      eligible: false;
      reason: 'noMembership' | 'notActive' | 'noTier';
      entry: GtmOfferEntry;
      unlockTiers: ProgrammeTier[];
    };

export function offerEntry(
  offer: string,
  catalogue: SupportCatalogue = SUPPORT_CATALOGUE,
): GtmOfferEntry | undefined {
  const key = offer.trim().toLowerCase();
  return catalogue.gtmOffers.find((o) => o.offer.toLowerCase() === key);
}

/** Offers depend on the tier and, for some, on a Silver or Gold competency in given areas. */
export function gtmEligibility(
  offer: string,
  standing: Standing,
  catalogue: SupportCatalogue = SUPPORT_CATALOGUE,
): GtmEligibility {
  const entry = offerEntry(offer, catalogue);
  if (!entry) return { eligible: false, reason: 'unknownOffer' };
  const unlockTiers = tiersAmong(entry.tiers, catalogue);
  if (!standing.ok) return { eligible: false, reason: standing.reason, entry, unlockTiers };
  if (!entry.tiers.includes(standing.tier.id)) return { eligible: false, reason: 'tier', entry, unlockTiers };
  if (entry.competencyAreas) {
    const areas = entry.competencyAreas.map((a) => a.toLowerCase());
    const held = (standing.membership.competencies ?? []).some((c) => areas.includes(c.area.toLowerCase()));
    if (!held) return { eligible: false, reason: 'competency', entry, areas: entry.competencyAreas };
  }
  return { eligible: true, entry };
}

export interface GtmState {
  benefit: GtmBenefit;
  eligibility: GtmEligibility;
  status: EffectiveStatus;
  /** Active: the offer's own expiry. Otherwise: the last day to activate it. */
  expiresOn: string;
  completesOn?: string;
  expired: boolean;
}

export function gtmState(
  benefit: GtmBenefit,
  standing: Standing,
  now: Date,
  delayDays: number,
  catalogue: SupportCatalogue = SUPPORT_CATALOGUE,
): GtmState {
  const d = benefit.details;
  const eligibility = gtmEligibility(d.offer, standing, catalogue);
  const due = isDue(d, now, delayDays);
  const status = due ? 'active' : d.status;
  const expiresOn = due
    ? completeGtm(benefit, completionDay(d, now, delayDays), catalogue).expiresOn
    : benefit.expiresOn;
  return {
    benefit,
    eligibility,
    status,
    expiresOn,
    completesOn: status === 'pending' ? completionDay(d, now, delayDays) : undefined,
    expired: isExpired(now, expiresOn),
  };
}

/** The offer once activation completed: active, expiring after the catalogue's term for it. */
export function completeGtm(
  benefit: GtmBenefit,
  activatedOn: string,
  catalogue: SupportCatalogue = SUPPORT_CATALOGUE,
): GtmBenefit {
  // The term is the catalogue's for this offer; an offer the catalogue no longer lists keeps its
  // own date rather than an invented one.
  const term = offerEntry(benefit.details.offer, catalogue)?.termDays;
  return {
    ...benefit,
    expiresOn: term === undefined ? benefit.expiresOn : addDays(activatedOn, term),
    details: { ...benefit.details, status: 'active', activatedOn },
  };
}

/* ------------------------------------------------------------------ service */

export interface GtmOverview {
  standing: Standing;
  contact?: MarketingContact;
  offers: GtmState[];
}

/** The offers as read now (pure: the service adds the reads and writes). */
export function gtmOverview(
  standing: Standing,
  contact: MarketingContact | undefined,
  benefits: readonly GtmBenefit[],
  now: Date,
  delayDays: number,
  catalogue: SupportCatalogue = SUPPORT_CATALOGUE,
): GtmOverview {
  const offers = benefits
    .map((b) => gtmState(b, standing, now, delayDays, catalogue))
    .sort((a, b) => a.benefit.name.localeCompare(b.benefit.name));
  return { standing, contact, offers };
}

interface GtmContext extends ActivationContext {
  contact?: MarketingContact;
}

export class GoToMarket {
  private readonly lifecycle: ActivationLifecycle<GtmBenefit, GtmState, GtmContext>;

  constructor(
    private readonly repos: Repositories,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly settings: ActivationSettings,
    private readonly catalogue: SupportCatalogue = SUPPORT_CATALOGUE,
  ) {
    this.lifecycle = new ActivationLifecycle(
      {
        name: 'gtm',
        notFoundKey: 'gtm.notFound',
        is: isGtm,
        delayDays: (s) => s.gtmDays,
        context: async (tenantId) => {
          const [standing, contact] = await Promise.all([this.standing(tenantId), this.contact(tenantId)]);
          return { standing, contact };
        },
        state: (b, ctx, now) => gtmState(b, ctx.standing, now, settings.gtmDays, catalogue),
        // A withdrawn benefit is refused before anything else is asked of the person.
        gateFirst: true,
        refuse: refuseActivation,
        complete: (b, activatedOn) => completeGtm(b, activatedOn, catalogue),
        completionNote: (done) => `expires ${done.expiresOn}`,
      },
      repos,
      audit,
      clock,
      settings,
    );
  }

  get languages(): readonly string[] {
    return this.catalogue.contactLanguages;
  }

  async contact(tenantId: string): Promise<MarketingContact | undefined> {
    return (await this.repos.marketingContacts.get(tenantId, MARKETING_CONTACT_ID))?.doc;
  }

  /** Checks a contact against THIS tenant's directory and partner account. */
  async check(tenantId: string, input: ContactInput): Promise<ReturnType<typeof checkContact>> {
    const aad = input.aadObjectId?.trim().toLowerCase();
    const [member, membership] = await Promise.all([
      aad && /^[0-9a-f-]{36}$/.test(aad) ? this.repos.members.get(tenantId, memberId(aad)) : undefined,
      readMembership(this.repos, tenantId),
    ]);
    const person =
      member && member.doc.tenantId === tenantId
        ? { aadObjectId: member.doc.aadObjectId, name: member.doc.name }
        : undefined;
    return checkContact(input, { person, membership, languages: this.catalogue.contactLanguages });
  }

  /** `gtm.setContact`: creates or replaces the one marketing contact of the tenant. */
  async setContact(actor: Actor, input: ContactInput): Promise<MarketingContact> {
    const checked = await this.check(actor.tenantId, input);
    if (!checked.ok) {
      const first = checked.problems[0];
      throw new RuleViolation(first.key, first.params);
    }
    const doc: MarketingContact = {
      type: 'marketingContact',
      id: MARKETING_CONTACT_ID,
      tenantId: actor.tenantId,
      ...checked.value,
      setBy: actor.aadObjectId,
      setAt: this.clock.now().toISOString(),
    };
    await mutate(this.repos.marketingContacts, actor.tenantId, MARKETING_CONTACT_ID, () => doc);
    await this.audit.record({
      tenantId: actor.tenantId,
      actor: actor.aadObjectId,
      action: 'gtm.setContact',
      target: `member:${doc.aadObjectId}`,
      outcome: 'success',
      detail: `phone ${displayPhone(doc)} language ${doc.language}`,
    });
    return doc;
  }

  async overview(tenantId: string): Promise<GtmOverview> {
    const [standing, contact, rows] = await Promise.all([
      this.standing(tenantId),
      this.contact(tenantId),
      this.repos.benefits.list(tenantId, { where: { 'details.category': 'gtm' } }),
    ]);
    const settled = await this.lifecycle.settleAll(rows, { standing, contact });
    return gtmOverview(standing, contact, settled, this.clock.now(), this.settings.gtmDays, this.catalogue);
  }

  async standing(tenantId: string): Promise<Standing> {
    return programmeStanding(await readMembership(this.repos, tenantId), this.catalogue);
  }

  /** `gtm.activate`: refused until a marketing contact exists; pending from now. */
  activate(actor: Actor, benefitId: string): Promise<ActivationResult<GtmState>> {
    return this.lifecycle.request(actor, benefitId);
  }

  /** `gtm.complete` (local mode only): activation completes today. */
  complete(actor: Actor, benefitId: string): Promise<ActivationResult<GtmState>> {
    return this.lifecycle.complete(actor, benefitId);
  }
}

/** Why an offer that reads notActivated cannot be requested now (throws), if it cannot. */
function refuseActivation(state: GtmState, ctx: GtmContext, now: Date): void {
  const name = state.benefit.name;
  if (!ctx.contact) throw new RuleViolation('gtm.activate.needsContact', { name });
  const e = state.eligibility;
  if (!e.eligible) {
    if (e.reason === 'unknownOffer') throw new RuleViolation('gtm.activate.unknownOffer', { name });
    if (e.reason === 'competency')
      throw new RuleViolation('gtm.activate.needsCompetency', { name, areas: e.areas.join(', ') });
    if (e.reason === 'tier' || e.reason === 'noTier')
      throw new RuleViolation('gtm.activate.ineligible', {
        name,
        tiers: e.unlockTiers.map((t) => t.id).join(','),
      });
    throw new RuleViolation(
      e.reason === 'noMembership' ? 'support.standing.noMembership' : 'support.standing.notActive',
    );
  }
  if (isExpired(now, state.benefit.expiresOn))
    throw new RuleViolation('gtm.activate.expired', { name, date: state.benefit.expiresOn });
}
