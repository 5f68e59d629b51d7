import { readFileSync } from 'node:fs';
import { daysUntil } from '../../src/domain/dates';
import { seedDocuments } from '../../src/domain/seed';
import { CONTOSO, FABRIKAM } from '../support/people';
import { FIXED_NOW } from '../support/testApp';

const docs = seedDocuments(JSON.parse(readFileSync('data/demo.json', 'utf8')), FIXED_NOW);

describe('data/demo.json', () => {
  it('holds exactly the agreed identities', () => {
    const people = docs.members.map((m) => [m.tenantId, m.aadObjectId, m.name, m.roles.join()]);
    expect(people).toEqual([
      [CONTOSO, 'a0000000-0000-4000-8000-000000000001', 'Avery Chen', 'GlobalAdmin'],
      [CONTOSO, 'a0000000-0000-4000-8000-000000000002', 'Bo Li', 'UserManagementAdmin'],
      [CONTOSO, 'a0000000-0000-4000-8000-000000000003', 'Casey Wong', 'AdminAgent'],
      [CONTOSO, 'a0000000-0000-4000-8000-000000000004', 'Dana Zhou', 'MpnPartnerAdmin'],
      [CONTOSO, 'e0000000-0000-4000-8000-000000000001', 'Eli Park', ''],
      [CONTOSO, 'e0000000-0000-4000-8000-000000000002', 'Fang Wu', ''],
      [FABRIKAM, 'a1000000-0000-4000-8000-000000000001', 'Gale Ito', 'GlobalAdmin'],
    ]);
    expect(docs.tenants.map((t) => t.name)).toEqual(['Contoso Partner Ltd.', 'Fabrikam Solutions']);
  });

  it('gives Contoso a Silver competency expiring in 40 days and leaves Fabrikam to enrol (draft Network membership, Action Pack package bought)', () => {
    const contoso = docs.memberships.find((m) => m.tenantId === CONTOSO);
    expect(contoso?.level).toBe('competency');
    expect(contoso?.competencies.map((c) => c.tier)).toEqual(['silver']);
    expect(daysUntil(FIXED_NOW, contoso?.expiresOn ?? '')).toBe(40);
    const fabrikam = docs.memberships.find((m) => m.tenantId === FABRIKAM);
    expect(fabrikam).toMatchObject({ level: 'network', status: 'draft' });
    expect(fabrikam?.expiresOn).toBeUndefined();
    expect(docs.packages.filter((p) => p.tenantId === FABRIKAM).map((p) => p.offerType)).toEqual([
      'actionPack',
    ]);
  });

  it('has a benefit of every category, some expiring within 1, 7 and 30 days', () => {
    const categories = new Set(docs.benefits.map((b) => b.details.category));
    expect([...categories].sort()).toEqual(
      [
        'azureBulkCredit',
        'azureMonthlyCredit',
        'gtm',
        'licence',
        'software',
        'technical',
        'visualStudio',
      ].sort(),
    );
    const days = docs.benefits.map((b) => daysUntil(FIXED_NOW, b.expiresOn));
    for (const d of [1, 7, 30]) expect(days).toContain(d);
  });

  it('has unredeemed licence keys and software keys shaped like real product keys', () => {
    const licences = docs.benefits.flatMap((b) => (b.details.category === 'licence' ? b.details.keys : []));
    expect(licences.some((k) => !k.redeemedBy)).toBe(true);
    const keys = docs.benefits.flatMap((b) =>
      b.details.category === 'software' ? b.details.products.flatMap((p) => p.keys.map((k) => k.key)) : [],
    );
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(k).toMatch(/^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/);
  });

  it('has a Visual Studio pool with one seat assigned 100 days ago and one 10 days ago', () => {
    const ages = docs.seatAssignments
      .filter((a) => a.tenantId === CONTOSO)
      .map((a) => Math.round((FIXED_NOW.getTime() - Date.parse(a.originalAssignedAt)) / 86_400_000));
    expect(ages.sort((a, b) => a - b)).toEqual([10, 100]);
  });
});
