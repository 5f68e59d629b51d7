import { addDays, toIsoDate } from './dates';
import { RuleViolation } from './errors';
import { addMonths } from './licenceTerm';
import type { BenefitDetails } from './model';

/**
 * Azure credit (usage-based subscriptions). Monthly credit: people of the organisation (guests
 * included) are added or removed at any time, up to the benefit's number of users. Bulk credit:
 * one holder, never removed, transferable to someone else only during the enrollment year, and
 * never combined with other licensing, prepaid or credit offers. Pure rules: each returns the
 * new details or throws RuleViolation.
 */

export type MonthlyCredit = Extract<BenefitDetails, { category: 'azureMonthlyCredit' }>;
export type BulkCredit = Extract<BenefitDetails, { category: 'azureBulkCredit' }>;
export type CreditDetails = MonthlyCredit | BulkCredit;

export function isCredit(details: BenefitDetails): details is CreditDetails {
  return details.category === 'azureMonthlyCredit' || details.category === 'azureBulkCredit';
}

/** Last day of the enrollment year that starts on `start` (one year, start day included). */
export function enrollmentYearLastDay(start: string): string {
  return addDays(addMonths(start, 12), -1);
}

export function withinEnrollmentYear(credit: BulkCredit, now: Date): boolean {
  const today = toIsoDate(now);
  return today >= credit.enrollmentYearStart && today <= enrollmentYearLastDay(credit.enrollmentYearStart);
}

function refuseCombined(credit: BulkCredit): void {
  if (credit.combinedWith.length > 0) {
    throw new RuleViolation('benefits.credit.notCombinable', { offers: credit.combinedWith.join(', ') });
  }
}

/** Gives the credit to `person` (an aadObjectId already checked to be in the tenant's directory). */
export function addCreditUser(details: CreditDetails, person: string): CreditDetails {
  if (details.category === 'azureMonthlyCredit') {
    if (details.users.includes(person)) throw new RuleViolation('benefits.credit.alreadyUser');
    if (details.users.length >= details.maxUsers) {
      throw new RuleViolation('benefits.credit.full', { max: details.maxUsers });
    }
    return { ...details, users: [...details.users, person] };
  }
  if (details.holder === person) throw new RuleViolation('benefits.credit.alreadyUser');
  if (details.holder) throw new RuleViolation('benefits.credit.bulkHeld');
  refuseCombined(details);
  return { ...details, holder: person };
}

export function removeCreditUser(details: CreditDetails, person: string): CreditDetails {
  if (details.category === 'azureBulkCredit') throw new RuleViolation('benefits.credit.bulkNoRemoval');
  if (!details.users.includes(person)) throw new RuleViolation('benefits.credit.notAUser');
  return { ...details, users: details.users.filter((u) => u !== person) };
}

/** Moves bulk credit from its holder to `person`. */
export function transferCredit(details: CreditDetails, person: string, now: Date): BulkCredit {
  if (details.category === 'azureMonthlyCredit') throw new RuleViolation('benefits.credit.monthlyNoTransfer');
  if (!details.holder) throw new RuleViolation('benefits.credit.noHolder');
  if (details.holder === person) throw new RuleViolation('benefits.credit.sameHolder');
  if (!withinEnrollmentYear(details, now)) {
    throw new RuleViolation('benefits.credit.outsideEnrollmentYear', {
      date: enrollmentYearLastDay(details.enrollmentYearStart),
    });
  }
  refuseCombined(details);
  return { ...details, holder: person };
}
