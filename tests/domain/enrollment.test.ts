import pino from 'pino';
import { AuditLog } from '../../src/domain/audit';
import {
  EnrollmentService,
  checkDetails,
  hashCode,
  isFreeMail,
  nextStep,
  type EnrollmentDetails,
} from '../../src/domain/enrollment';
import type { Actor } from '../../src/domain/policy';
import { UnconfiguredVerificationSender } from '../../src/notify/verificationSender';
import { openMemoryStore, type MemoryStore } from '../../src/store/memory';
import { loadSeedFile } from '../../src/store/seed';
import { AVERY, CONTOSO, FABRIKAM, GALE } from '../support/people';
import { FIXED_NOW, LogCapture, fixedClock } from '../support/testApp';

const details: EnrollmentDetails = {
  legalName: 'Fabrikam Solutions Ltd.',
  street: '1 Harbour Road',
  city: 'Shanghai',
  region: undefined,
  postalCode: '200000',
  country: 'China',
  contactName: 'Gale Ito',
  contactEmail: 'gale.ito@fabrikam.example',
};

describe('enrolment details', () => {
  it('accepts a complete form and trims it', () => {
    const r = checkDetails({
      ...details,
      legalName: '  Fabrikam Solutions Ltd. ',
      contactEmail: 'Gale.Ito@Fabrikam.example',
    });
    expect(r).toMatchObject({
      ok: true,
      details: { legalName: 'Fabrikam Solutions Ltd.', contactEmail: 'gale.ito@fabrikam.example' },
    });
  });

  it('names every field to fix, in form order', () => {
    expect(checkDetails({ ...details, city: ' ', contactEmail: 'gale@', postalCode: '' })).toEqual({
      ok: false,
      fields: ['city', 'postalCode', 'contactEmail'],
    });
  });

  it('recognises free-mail addresses, sub-domains included, and not business ones', () => {
    for (const e of [
      'x@gmail.com',
      'x@outlook.com',
      'x@hotmail.com',
      'x@qq.com',
      'x@163.com',
      'x@yahoo.com',
      'x@mail.yahoo.com',
    ])
      expect([e, isFreeMail(e)]).toEqual([e, true]);
    expect(isFreeMail('gale.ito@fabrikam.example')).toBe(false);
    expect(isFreeMail('x@notgmail.com')).toBe(false);
  });
});

describe('enrolment on the in-memory store', () => {
  let store: MemoryStore;
  let service: EnrollmentService;
  const clock = fixedClock();
  const gale: Actor = { tenantId: FABRIKAM, aadObjectId: GALE.aadObjectId, roles: ['GlobalAdmin'] };

  beforeAll(async () => {
    store = openMemoryStore();
    await loadSeedFile('data/demo.json', store.repos, clock);
    service = new EnrollmentService(store.repos, new AuditLog(store.repos.audit, clock), clock);
  });
  afterAll(() => store.close());
  beforeEach(() => clock.set(FIXED_NOW));

  const enrollment = async () => (await store.repos.enrollments.get(FABRIKAM, 'enrollment'))?.doc;
  const status = async () => (await store.repos.memberships.get(FABRIKAM, 'membership'))?.doc.status;

  it('refuses a tenant whose membership is active: one tenant, one partner account', async () => {
    await expect(
      service.begin({ tenantId: CONTOSO, aadObjectId: AVERY.aadObjectId, roles: ['GlobalAdmin'] }),
    ).rejects.toMatchObject({
      key: 'enroll.alreadyActive',
    });
    expect(await store.repos.enrollments.get(CONTOSO, 'enrollment')).toBeUndefined();
  });

  it('starts a draft, then saves the details', async () => {
    expect((await service.begin(gale)).step).toBe('details');
    await service.saveDetails(gale, details);
    expect(nextStep(await enrollment())).toBe('code');
    expect(await status()).toBe('draft');
  });

  it('stores only a salted scrypt hash of the code, with a fresh salt per code', async () => {
    const first = await service.issueCode(gale);
    const stored = (await enrollment())?.verification;
    expect(first.code).toMatch(/^\d{6}$/);
    expect(JSON.stringify(await enrollment())).not.toContain(first.code);
    expect(stored?.hash).toBe(await hashCode(first.code, stored?.salt ?? ''));
    expect(stored?.expiresAt).toBe(new Date(FIXED_NOW.getTime() + 15 * 60_000).toISOString());
    const second = await service.issueCode(gale);
    expect((await enrollment())?.verification?.salt).not.toBe(stored?.salt);
    expect(await status()).toBe('awaitingEmailConfirmation');
    // The first code stopped working when the second was issued.
    if (first.code !== second.code)
      await expect(service.confirmCode(gale, first.code)).rejects.toMatchObject({ key: 'enroll.code.wrong' });
  });

  it('counts wrong codes, even two at the same moment, and locks after five', async () => {
    const { code } = await service.issueCode(gale);
    const wrong = code === '000000' ? '111111' : '000000';
    const both = await Promise.allSettled([
      service.confirmCode(gale, wrong),
      service.confirmCode(gale, wrong),
    ]);
    expect(both.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((await enrollment())?.verification?.attempts).toBe(2);
    await expect(service.confirmCode(gale, wrong)).rejects.toMatchObject({
      key: 'enroll.code.wrong',
      params: { left: 2 },
    });
    await expect(service.confirmCode(gale, wrong)).rejects.toMatchObject({
      key: 'enroll.code.wrong',
      params: { left: 1 },
    });
    await expect(service.confirmCode(gale, wrong)).rejects.toMatchObject({
      key: 'enroll.code.tooManyAttempts',
    });
    // Locked: even the right code no longer works.
    await expect(service.confirmCode(gale, code)).rejects.toMatchObject({
      key: 'enroll.code.tooManyAttempts',
    });
  });

  it('lets a code expire after 15 minutes', async () => {
    const { code } = await service.issueCode(gale);
    clock.set(new Date(FIXED_NOW.getTime() + 15 * 60_000 + 1000));
    await expect(service.confirmCode(gale, code)).rejects.toMatchObject({ key: 'enroll.code.expired' });
  });

  it('sends at most five codes a day', async () => {
    // Four were issued above; the fifth is allowed, the sixth is not.
    await service.issueCode(gale);
    await expect(service.issueCode(gale)).rejects.toMatchObject({ key: 'enroll.code.tooManyCodes' });
    clock.set(new Date(FIXED_NOW.getTime() + 25 * 3_600_000));
    await expect(service.issueCode(gale)).resolves.toMatchObject({ email: details.contactEmail });
  });

  it('confirms the right code, then records the agreement with who, when and which version', async () => {
    const { code } = await service.issueCode(gale);
    await service.confirmCode(gale, ` ${code.slice(0, 3)} ${code.slice(3)} `);
    expect((await enrollment())?.emailConfirmed).toMatchObject({
      email: details.contactEmail,
      by: GALE.aadObjectId,
    });
    expect((await enrollment())?.verification).toBeUndefined();
    await expect(service.acceptAgreement(gale, { authority: true, accept: false })).rejects.toMatchObject({
      key: 'enroll.agreement.bothNeeded',
    });
    await service.acceptAgreement(gale, { authority: true, accept: true });
    expect((await enrollment())?.agreement).toEqual({
      version: '2026-01',
      acceptedBy: GALE.aadObjectId,
      acceptedAt: FIXED_NOW.toISOString(),
      authorityConfirmed: true,
    });
    expect(nextStep(await enrollment())).toBe('adminAgent');
  });

  it('goes under review with the confirmed address as the account e-mail, then becomes an active Action Pack membership', async () => {
    const m = await service.submit(gale, 'added');
    expect(m).toMatchObject({ status: 'underReview', accountEmail: details.contactEmail });
    await expect(service.saveDetails(gale, details)).rejects.toMatchObject({
      key: 'enroll.status.underReview',
    });
    const active = await service.approve(gale);
    expect(active).toMatchObject({
      status: 'active',
      level: 'actionPack',
      enrolledOn: '2026-11-24',
      expiresOn: '2027-11-23',
    });
    expect(active.partnerId).toMatch(/^\d{7}$/);
    await expect(service.begin(gale)).rejects.toMatchObject({ key: 'enroll.alreadyActive' });
  });

  it('audits every step and never writes the code into the audit log', async () => {
    const rows = await store.repos.audit.list(FABRIKAM);
    const details = rows.map((r) => `${r.doc.action} ${r.doc.outcome} ${r.doc.detail ?? ''}`);
    expect(details).toEqual(
      expect.arrayContaining([
        expect.stringContaining('enroll.start success enrolment started'),
        expect.stringContaining('enroll.start success confirmation code issued'),
        expect.stringContaining('enroll.start rejected wrong confirmation code'),
        expect.stringContaining('enroll.start success primary contact e-mail confirmed'),
        expect.stringContaining('enroll.start success partner-network agreement 2026-01 accepted'),
        expect.stringContaining('enroll.start success submitted for review'),
        expect.stringContaining('enroll.approve success review complete'),
      ]),
    );
    expect(details.join('\n')).not.toMatch(/\b\d{6}\b/);
  });
});

describe('the production verification sender without a mail transport', () => {
  it('warns that nothing was e-mailed, without the code', async () => {
    const logs = new LogCapture();
    await new UnconfiguredVerificationSender(pino({ level: 'info' }, logs)).send({
      tenantId: FABRIKAM,
      to: 'gale.ito@fabrikam.example',
      name: 'Gale Ito',
      code: '493817',
      expiresAt: FIXED_NOW.toISOString(),
      locale: 'en-US',
    });
    expect(logs.text()).toContain('no mail transport is configured');
    expect(logs.text()).not.toContain('493817');
  });
});
