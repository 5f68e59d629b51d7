import { RuleViolation } from '../../src/domain/errors';
import {
  addMonths,
  blendedTermMonths,
  licenceTerm,
  monthsBetween,
  planRedemption,
  type LicenceDetails,
} from '../../src/domain/licenceTerm';

const NOW = new Date('2026-11-24T09:00:00Z');

const licence = (activeSeats: number, endDate: string | undefined, keySeats: number): LicenceDetails => ({
  category: 'licence',
  product: 'Office 365 E3',
  activeSeats,
  endDate,
  keys: [{ keyId: 'k', seats: keySeats, key: 'RB7XQ-3T77B-9G6J8-KJ2TG-C63J9' }],
});

function refusal(fn: () => unknown): RuleViolation {
  try {
    fn();
  } catch (err) {
    if (err instanceof RuleViolation) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('the published licence-term arithmetic', () => {
  it('blends seats: (existing × months remaining + new × 12) ÷ seats after', () => {
    expect(blendedTermMonths(100, 4, 25, 125)).toBeCloseTo((400 + 300) / 125);
    expect(blendedTermMonths(0, 0, 10, 10)).toBe(12);
  });

  it('adds 3 months when a 25-seat key extends 100 seats (first published example)', () => {
    const term = licenceTerm(100, 5, 25, 'extend');
    expect(term.monthsAdded).toBeCloseTo(3);
    expect(term.seatsAfter).toBe(100);
    expect(term.termMonths).toBeCloseTo(8);
  });

  it('adds 24 months when a 10-seat key extends 5 seats (second published example)', () => {
    const term = licenceTerm(5, 2, 10, 'extend');
    expect(term.monthsAdded).toBeCloseTo(24);
    expect(term.seatsAfter).toBe(5);
  });

  it('moves the end date by exactly those calendar months', () => {
    const a = planRedemption(licence(100, '2027-03-24', 25), 'k', 'extend', NOW);
    expect(a.endDateAfter).toBe('2027-06-24');
    expect(a.seatsAfter).toBe(100);
    const b = planRedemption(licence(5, '2027-02-24', 10), 'k', 'extend', NOW);
    expect(b.endDateAfter).toBe('2029-02-24');
    expect(b.shortTerm).toBe(false);
  });

  it('refuses a key for more than three times the active seats (3-year maximum), in either mode', () => {
    const err = refusal(() => planRedemption(licence(5, '2027-02-24', 16), 'k', 'extend', NOW));
    expect(err.key).toBe('benefits.licence.keyTooLarge');
    expect(err.params).toMatchObject({ keySeats: 16, activeSeats: 5, maxSeats: 15 });
    expect(refusal(() => licenceTerm(100, 6, 301, 'addSeats')).key).toBe('benefits.licence.keyTooLarge');
  });

  it('accepts a key of exactly three times the active seats: 36 months more', () => {
    expect(licenceTerm(5, 0, 15, 'extend').monthsAdded).toBeCloseTo(36);
  });

  it('adds seats with a blended end date under 12 months, flagged for a second confirmation', () => {
    const plan = planRedemption(licence(100, '2027-03-24', 25), 'k', 'addSeats', NOW);
    expect(plan.seatsAfter).toBe(125);
    expect(plan.termMonths).toBeCloseTo((100 * 4 + 25 * 12) / 125);
    expect(plan.shortTerm).toBe(true);
    expect(plan.endDateAfter > '2027-03-24').toBe(true);
    expect(plan.endDateAfter < '2027-11-24').toBe(true);
  });

  it('starts a subscription that has no seats yet at 12 months, and has nothing to extend', () => {
    const plan = planRedemption(licence(0, undefined, 10), 'k', 'addSeats', NOW);
    expect(plan).toMatchObject({ seatsAfter: 10, endDateAfter: '2027-11-24', shortTerm: false });
    expect(refusal(() => planRedemption(licence(0, undefined, 10), 'k', 'extend', NOW)).key).toBe(
      'benefits.licence.nothingToExtend',
    );
  });

  it('treats a subscription past its end date as not running', () => {
    const plan = planRedemption(licence(20, '2026-10-01', 40), 'k', 'addSeats', NOW);
    expect(plan).toMatchObject({ seatsAfter: 40, endDateAfter: '2027-11-24' });
  });
});

describe('calendar months', () => {
  it('clamps to the end of shorter months', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2026-11-24', 12)).toBe('2027-11-24');
  });

  it('counts whole months and a fraction between two days', () => {
    expect(monthsBetween('2026-11-24', '2027-03-24')).toBe(4);
    expect(monthsBetween('2026-11-24', '2026-11-24')).toBe(0);
    expect(monthsBetween('2026-11-24', '2026-10-01')).toBe(0);
    expect(monthsBetween('2026-11-24', '2027-03-09')).toBeCloseTo(3 + 13 / (365.25 / 12), 6);
  });
});
