import { randomInt } from 'node:crypto';
import { toIsoDate } from './dates';
import { competencySchema, type Benefit, type BenefitDetails, type Membership } from './model';
import type { ProgrammeTier, SupportCatalogue } from './supportCatalogue';

/**
 * What technical benefits and Go-To-Market offers share: the programme tier of the organisation
 * (read defensively from the membership), and the activation lifecycle
 * notActivated → pending (requested on a date) → active once the processing delay has passed.
 */

export interface ActivationSettings {
  /** Days a technical benefit stays pending after activation is requested. */
  supportDays: number;
  /** Days a Go-To-Market offer stays pending after activation is requested. */
  gtmDays: number;
  /** Local mode only: an admin may complete a pending activation at once (`support.complete`, `gtm.complete`). */
  manualCompletion: boolean;
}

export const DEFAULT_ACTIVATION: ActivationSettings = { supportDays: 3, gtmDays: 5, manualCompletion: false };

/** The audit actor for what the bot does by itself (a processing delay running out). */
export const SYSTEM_ACTOR = '00000000-0000-4000-8000-000000000000';

export type TechnicalDetails = Extract<BenefitDetails, { category: 'technical' }>;
export type GtmDetails = Extract<BenefitDetails, { category: 'gtm' }>;
export type TechnicalBenefit = Benefit & { details: TechnicalDetails };
export type GtmBenefit = Benefit & { details: GtmDetails };

export const isTechnical = (b: Benefit): b is TechnicalBenefit => b.details.category === 'technical';
export const isGtm = (b: Benefit): b is GtmBenefit => b.details.category === 'gtm';

/* ------------------------------------------------------------------ standing */

/**
 * Where the organisation stands in the programme. Anything unexpected in the membership (missing,
 * not active yet, an entry level without a tier, a level the catalogue does not know) means "no
 * tier", with the reason, rather than a guess: another part of the product may be changing the
 * membership at the same moment (enrolment, renewal, upgrade).
 */
export type Standing =
  | { ok: true; tier: ProgrammeTier; membership: Membership }
  | { ok: false; reason: 'noMembership' }
  | { ok: false; reason: 'notActive'; membership: Membership }
  | { ok: false; reason: 'noTier'; membership: Membership };

export function programmeStanding(
  membership: Membership | undefined,
  catalogue: Pick<SupportCatalogue, 'tiers'>,
): Standing {
  if (!membership) return { ok: false, reason: 'noMembership' };
  if (membership.status !== 'active') return { ok: false, reason: 'notActive', membership };
  const competencies = Array.isArray(membership.competencies) ? membership.competencies : [];
  const tiersHeld = new Set(
    competencies.flatMap((c) => {
      const parsed = competencySchema.safeParse(c);
      return parsed.success ? [parsed.data.tier] : [];
    }),
  );
  const tier = catalogue.tiers.find(
    (t) =>
      t.match.level === membership.level &&
      (t.match.competencyTier === undefined || tiersHeld.has(t.match.competencyTier)),
  );
  return tier ? { ok: true, tier, membership } : { ok: false, reason: 'noTier', membership };
}

/** Tiers in catalogue order (best first) among `ids`: "what would unlock it". */
export function tiersAmong(
  ids: readonly string[],
  catalogue: Pick<SupportCatalogue, 'tiers'>,
): ProgrammeTier[] {
  return catalogue.tiers.filter((t) => ids.includes(t.id));
}

/* ------------------------------------------------------------------ lifecycle */

const DAY_MS = 86_400_000;

/** The instant processing of an activation requested at `requestedOn` completes. */
export function completesAt(requestedOn: string, delayDays: number): Date {
  return new Date(Date.parse(requestedOn) + delayDays * DAY_MS);
}

/** A pending activation whose processing delay has passed is active, whether or not anyone wrote it down yet. */
export function isDue(
  details: { status: string; requestedOn?: string },
  now: Date,
  delayDays: number,
): boolean {
  return (
    details.status === 'pending' &&
    (details.requestedOn === undefined ||
      completesAt(details.requestedOn, delayDays).getTime() <= now.getTime())
  );
}

/** The day processing completed: the end of the delay (not the day someone looked), so every reader agrees. */
export function completionDay(details: { requestedOn?: string }, now: Date, delayDays: number): string {
  return details.requestedOn ? toIsoDate(completesAt(details.requestedOn, delayDays)) : toIsoDate(now);
}

/* ------------------------------------------------------------------ support ids */

/** Makes the Access ID and Contract ID a completed technical benefit shows. */
export interface SupportIdSource {
  accessId(partnerId: string | undefined): string;
  contractId(): string;
}

const digits = (n: number): string => Array.from({ length: n }, () => String(randomInt(0, 10))).join('');

/** Ids shaped like the programme's: `AID-<partner id>-<nn>` and `CID-<8 digits>`. */
export const randomSupportIds: SupportIdSource = {
  accessId: (partnerId) =>
    `AID-${partnerId && /^\d{4,12}$/.test(partnerId) ? partnerId : `${randomInt(1, 10)}${digits(6)}`}-${String(randomInt(1, 100)).padStart(2, '0')}`,
  contractId: () => `CID-${randomInt(1, 10)}${digits(7)}`,
};
