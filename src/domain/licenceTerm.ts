import { addDays, daysUntil, toIsoDate } from './dates';
import { RuleViolation } from './errors';
import type { BenefitDetails } from './model';

/**
 * Licence-based subscriptions (Office 365, Dynamics, Power BI, …): the arithmetic of redeeming
 * a product key. Pure: no store, no clock of its own.
 *
 * The published rule: the new term blends the seats,
 *   term (months from today) = (existing seats × months remaining + key seats × 12) ÷ seats after
 * where "seats after" is the existing seats when the key extends the end date, and existing +
 * key seats when it adds seats. So extending 100 seats with a 25-seat key adds 25 × 12 ÷ 100 =
 * 3 months, and extending 5 seats with a 10-seat key adds 24 months. A key for more than three
 * times the active seats is refused: it would add more than the 3-year maximum (36 months).
 */

export type LicenceDetails = Extract<BenefitDetails, { category: 'licence' }>;
export const REDEEM_MODES = ['addSeats', 'extend'] as const;
export type RedeemMode = (typeof REDEEM_MODES)[number];

/** Months of subscription one key seat brings. */
export const MONTHS_PER_KEY_TERM = 12;
/** A key may hold at most this many times the active seats (3 × 12 months = the 3-year maximum). */
export const MAX_KEY_TO_SEATS_RATIO = 3;
/** For the fractional part of a month only; whole months are calendar months. */
const DAYS_PER_MONTH = 365.25 / 12;

/** (existing seats × months remaining + new seats × 12) ÷ seats after. */
export function blendedTermMonths(
  existingSeats: number,
  monthsRemaining: number,
  newSeats: number,
  seatsAfter: number,
): number {
  return (existingSeats * monthsRemaining + newSeats * MONTHS_PER_KEY_TERM) / seatsAfter;
}

export interface TermOutcome {
  seatsAfter: number;
  /** Months of subscription from today once the key is redeemed. */
  termMonths: number;
  /** Months beyond what is left today. */
  monthsAdded: number;
}

/**
 * What redeeming a key for `keySeats` does to a subscription of `activeSeats` with
 * `monthsRemaining` left. A subscription with no seats yet starts fresh: the key's seats for 12
 * months (there is nothing to extend).
 */
export function licenceTerm(
  activeSeats: number,
  monthsRemaining: number,
  keySeats: number,
  mode: RedeemMode,
): TermOutcome {
  if (activeSeats === 0 && mode === 'extend') throw new RuleViolation('benefits.licence.nothingToExtend');
  if (activeSeats > 0 && keySeats > MAX_KEY_TO_SEATS_RATIO * activeSeats) {
    throw new RuleViolation('benefits.licence.keyTooLarge', {
      keySeats,
      activeSeats,
      maxSeats: MAX_KEY_TO_SEATS_RATIO * activeSeats,
    });
  }
  const remaining = activeSeats === 0 ? 0 : Math.max(0, monthsRemaining);
  const seatsAfter = mode === 'extend' ? activeSeats : activeSeats + keySeats;
  const termMonths = blendedTermMonths(activeSeats, remaining, keySeats, seatsAfter);
  return { seatsAfter, termMonths, monthsAdded: termMonths - remaining };
}

/** Calendar months after `isoDate` (day clamped to the month's length: 31 Jan + 1 = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return toIsoDate(new Date(Date.UTC(year, month, Math.min(d, lastDay))));
}

/** Whole calendar months, then the remaining days as a fraction of a month. */
export function addMonthsFractional(isoDate: string, months: number): string {
  const whole = Math.floor(months + 1e-9);
  const days = Math.round((months - whole) * DAYS_PER_MONTH);
  return addDays(addMonths(isoDate, whole), days);
}

/** Months from `from` to `to` (0 when `to` is not after `from`): whole calendar months plus a fraction. */
export function monthsBetween(from: string, to: string): number {
  if (to <= from) return 0;
  let whole = 0;
  while (addMonths(from, whole + 1) <= to) whole += 1;
  const rest = daysUntil(new Date(`${addMonths(from, whole)}T00:00:00Z`), to);
  return whole + rest / DAYS_PER_MONTH;
}

export interface RedemptionPlan {
  mode: RedeemMode;
  keyId: string;
  keySeats: number;
  seatsBefore: number;
  seatsAfter: number;
  endDateBefore?: string;
  endDateAfter: string;
  termMonths: number;
  monthsAdded: number;
  /** Adding seats leaves less than 12 months: the person must confirm a second time. */
  shortTerm: boolean;
}

/** The outcome of redeeming key `keyId` in `mode` today, before anything is written. */
export function planRedemption(
  details: LicenceDetails,
  keyId: string,
  mode: RedeemMode,
  now: Date,
): RedemptionPlan {
  const key = details.keys.find((k) => k.keyId === keyId);
  if (!key) throw new RuleViolation('benefits.notFound');
  const today = toIsoDate(now);
  const live = details.activeSeats > 0 && details.endDate !== undefined && details.endDate > today;
  const monthsRemaining = live && details.endDate ? monthsBetween(today, details.endDate) : 0;
  const seatsBefore = live ? details.activeSeats : 0;
  const outcome = licenceTerm(seatsBefore, monthsRemaining, key.seats, mode);
  // Extending adds months to the current end date (exact calendar months when whole).
  const endDateAfter =
    mode === 'extend' && live && details.endDate
      ? addMonthsFractional(details.endDate, outcome.monthsAdded)
      : addMonthsFractional(today, outcome.termMonths);
  return {
    mode,
    keyId,
    keySeats: key.seats,
    seatsBefore: details.activeSeats,
    seatsAfter: outcome.seatsAfter,
    endDateBefore: details.endDate,
    endDateAfter,
    termMonths: outcome.termMonths,
    monthsAdded: outcome.monthsAdded,
    shortTerm: mode === 'addSeats' && outcome.termMonths < MONTHS_PER_KEY_TERM,
  };
}
