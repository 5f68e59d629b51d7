import {
  addCreditUser,
  enrollmentYearLastDay,
  removeCreditUser,
  transferCredit,
  type BulkCredit,
  type MonthlyCredit,
} from '../../src/domain/azureCredit';
import { activationOf, seesAdminView } from '../../src/domain/benefits';
import { RuleViolation } from '../../src/domain/errors';
import type { Benefit, BenefitPackage, SeatAssignment } from '../../src/domain/model';
import { cancellationBlocks } from '../../src/domain/packageCancellation';

const TENANT = 'd0c0ffee-0000-4000-8000-000000000001';
const NOW = new Date('2026-11-24T09:00:00Z');
const ELI = 'e0000000-0000-4000-8000-000000000001';
const FANG = 'e0000000-0000-4000-8000-000000000002';
const DANA = 'a0000000-0000-4000-8000-000000000004';

function refusal(fn: () => unknown): RuleViolation {
  try {
    fn();
  } catch (err) {
    if (err instanceof RuleViolation) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

const pkg = (purchasedOn: string, status: BenefitPackage['status'] = 'active'): BenefitPackage => ({
  type: 'package',
  id: 'package:addon',
  tenantId: TENANT,
  name: 'Add-on',
  offerType: 'silver',
  purchasedOn,
  expiresOn: '2027-11-01',
  status,
});

const benefit = (details: Benefit['details']): Benefit => ({
  type: 'benefit',
  id: 'benefit:x',
  tenantId: TENANT,
  packageId: 'package:addon',
  name: 'Visio Professional 2021',
  benefitType: 'incremental',
  quantity: 5,
  expiresOn: '2027-11-01',
  details,
});

const software = (firstRevealedAt?: string) =>
  benefit({
    category: 'software',
    products: [
      {
        productId: 'visio',
        name: 'Visio',
        languages: ['en-US'],
        osTypes: ['x64'],
        downloadUrl: 'https://example.com/visio',
        keys: [{ language: 'en-US', osType: 'x64', key: '9H9QR-QY37J-PK23C-W8XQQ-X99GQ' }],
      },
    ],
    firstRevealedAt,
  });

const licence = (redeemedBy?: string) =>
  benefit({
    category: 'licence',
    product: 'Power BI Pro',
    activeSeats: 0,
    keys: [{ keyId: 'k1', seats: 10, key: 'Y8643-T3PV8-KJJRQ-HVF4V-HC42C', redeemedBy }],
  });

describe('cancelling a package', () => {
  it('is allowed 29 days after purchase when nothing of it was used', () => {
    expect(cancellationBlocks(pkg('2026-10-26'), [software(), licence()], [], NOW)).toEqual([]);
  });

  it('is still allowed on the 30th day', () => {
    expect(cancellationBlocks(pkg('2026-10-25'), [software()], [], NOW)).toEqual([]);
  });

  it('is refused 31 days after purchase, naming the last day', () => {
    expect(cancellationBlocks(pkg('2026-10-24'), [software()], [], NOW)).toEqual([
      { rule: 'window', daysSincePurchase: 31, lastDay: '2026-11-23' },
    ]);
  });

  it('is refused once a product key was viewed, even if never used', () => {
    expect(cancellationBlocks(pkg('2026-11-12'), [software('2026-11-20T10:00:00Z')], [], NOW)).toEqual([
      { rule: 'activated', benefit: 'Visio Professional 2021', how: 'keyViewed' },
    ]);
  });

  it('is refused once a licence key was redeemed', () => {
    expect(cancellationBlocks(pkg('2026-11-12'), [licence(DANA)], [], NOW)[0]).toMatchObject({
      how: 'keyRedeemed',
    });
  });

  it('is refused once credit, a seat or a technical benefit was put to use', () => {
    const monthly = benefit({
      category: 'azureMonthlyCredit',
      amountPerMonthUsd: 100,
      maxUsers: 5,
      users: [ELI],
    });
    const pool = benefit({ category: 'visualStudio', poolId: 'pool:vs' });
    const seat: SeatAssignment = {
      type: 'seatAssignment',
      id: 'assignment:pool:vs:1',
      tenantId: TENANT,
      poolId: 'pool:vs',
      seatNo: 1,
      assignee: FANG,
      assignedBy: DANA,
      originalAssignedAt: '2026-11-20T10:00:00Z',
      assignedAt: '2026-11-20T10:00:00Z',
    };
    const support = benefit({
      category: 'technical',
      kind: 'advisoryHours',
      allowance: 5,
      used: 0,
      unit: 'hours',
      status: 'pending',
    });
    const hows = cancellationBlocks(pkg('2026-11-12'), [monthly, pool, support], [seat], NOW).map((b) =>
      b.rule === 'activated' ? b.how : b.rule,
    );
    expect(hows).toEqual(['creditAssigned', 'seatAssigned', 'activationRequested']);
  });

  it('lists every rule that blocks it at once', () => {
    expect(cancellationBlocks(pkg('2026-01-01'), [software('2026-02-01T00:00:00Z')], [], NOW)).toHaveLength(
      2,
    );
  });

  it('is refused when already cancelled', () => {
    expect(cancellationBlocks(pkg('2026-11-20', 'cancelled'), [], [], NOW)).toEqual([
      { rule: 'alreadyCancelled' },
    ]);
  });

  it('counts a licence key shown to be redeemed in the Microsoft 365 admin centre as viewed, and an unviewed one not', () => {
    const viewed = benefit({
      category: 'licence',
      product: 'Power BI Pro',
      activeSeats: 0,
      keys: [
        { keyId: 'k1', seats: 10, key: 'Y8643-T3PV8-KJJRQ-HVF4V-HC42C', viewedAt: '2026-11-20T08:00:00Z' },
      ],
    });
    expect(activationOf(viewed, [])).toBe('keyViewed');
    expect(activationOf(licence(), [])).toBeUndefined();
    expect(cancellationBlocks(pkg('2026-11-12'), [viewed], [], NOW)).toEqual([
      { rule: 'activated', benefit: 'Visio Professional 2021', how: 'keyViewed' },
    ]);
    expect(cancellationBlocks(pkg('2026-11-12'), [licence()], [], NOW)).toEqual([]);
  });

  it('counts benefits that were not activated as not activated', () => {
    expect(activationOf(software(), [])).toBeUndefined();
    expect(activationOf(licence(), [])).toBeUndefined();
  });
});

describe('monthly Azure credit', () => {
  const monthly = (users: string[], maxUsers = 2): MonthlyCredit => ({
    category: 'azureMonthlyCredit',
    amountPerMonthUsd: 100,
    maxUsers,
    users,
  });

  it('adds and removes people at any time', () => {
    const added = addCreditUser(monthly([ELI]), FANG);
    expect(added).toMatchObject({ users: [ELI, FANG] });
    expect(removeCreditUser(added, ELI)).toMatchObject({ users: [FANG] });
  });

  it('respects the number of users', () => {
    const err = refusal(() => addCreditUser(monthly([ELI, DANA]), FANG));
    expect(err.key).toBe('benefits.credit.full');
    expect(err.params).toEqual({ max: 2 });
  });

  it('refuses to add someone twice or remove someone who has none', () => {
    expect(refusal(() => addCreditUser(monthly([ELI]), ELI)).key).toBe('benefits.credit.alreadyUser');
    expect(refusal(() => removeCreditUser(monthly([ELI]), FANG)).key).toBe('benefits.credit.notAUser');
  });

  it('is not transferred', () => {
    expect(refusal(() => transferCredit(monthly([ELI]), FANG, NOW)).key).toBe(
      'benefits.credit.monthlyNoTransfer',
    );
  });
});

describe('bulk Azure credit', () => {
  const bulk = (
    enrollmentYearStart: string,
    combinedWith: string[] = [],
    holder: string | null = DANA,
  ): BulkCredit => ({
    category: 'azureBulkCredit',
    amountPerYearUsd: 6000,
    holder: holder ?? undefined,
    enrollmentYearStart,
    combinedWith,
  });

  it('runs its enrollment year for one year from the start', () => {
    expect(enrollmentYearLastDay('2026-01-10')).toBe('2027-01-09');
  });

  it('transfers to another person inside the enrollment year', () => {
    expect(transferCredit(bulk('2025-11-25'), FANG, NOW)).toMatchObject({ holder: FANG });
  });

  it('refuses a transfer outside the enrollment year, naming its last day', () => {
    const err = refusal(() => transferCredit(bulk('2025-11-24'), FANG, NOW));
    expect(err.key).toBe('benefits.credit.outsideEnrollmentYear');
    expect(err.params).toEqual({ date: '2026-11-23' });
  });

  it('is never removed from its holder', () => {
    expect(refusal(() => removeCreditUser(bulk('2026-06-01'), DANA)).key).toBe(
      'benefits.credit.bulkNoRemoval',
    );
  });

  it('refuses to be given or transferred when combined with another offer, naming it', () => {
    const combined = bulk('2026-06-01', ['Azure prepayment']);
    const err = refusal(() => transferCredit(combined, FANG, NOW));
    expect(err.key).toBe('benefits.credit.notCombinable');
    expect(err.params).toEqual({ offers: 'Azure prepayment' });
    expect(refusal(() => addCreditUser(bulk('2026-06-01', ['Azure prepayment'], null), FANG)).key).toBe(
      'benefits.credit.notCombinable',
    );
  });

  it('is given to a first holder when not combined, and not to a second', () => {
    expect(addCreditUser(bulk('2026-06-01', [], null), FANG)).toMatchObject({ holder: FANG });
    expect(refusal(() => addCreditUser(bulk('2026-06-01'), FANG)).key).toBe('benefits.credit.bulkHeld');
  });

  it('refuses a transfer to its current holder', () => {
    expect(refusal(() => transferCredit(bulk('2026-06-01'), DANA, NOW)).key).toBe(
      'benefits.credit.sameHolder',
    );
  });
});

describe('who sees the administrator view', () => {
  it('follows the policy table: Global admins and MPN partner admins, not employees or other roles', () => {
    const as = (roles: Parameters<typeof seesAdminView>[0]['roles']) =>
      seesAdminView({ tenantId: TENANT, aadObjectId: ELI, roles });
    expect(as(['GlobalAdmin'])).toBe(true);
    expect(as(['MpnPartnerAdmin'])).toBe(true);
    expect(as([])).toBe(false);
    expect(as(['UserManagementAdmin'])).toBe(false);
    expect(as(['AdminAgent'])).toBe(false);
  });
});
