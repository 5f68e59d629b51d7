import { DEFAULT_ACTIVATION } from '../../src/domain/activation';
import { AuditLog } from '../../src/domain/audit';
import { BenefitActions } from '../../src/domain/benefitActions';
import { RuleViolation } from '../../src/domain/errors';
import { expiringItems } from '../../src/domain/notices';
import { SeatService } from '../../src/domain/seats';
import { SupportBenefits } from '../../src/domain/support';
import { openMemoryStore, type MemoryStore } from '../../src/store/memory';
import { loadSeedFile } from '../../src/store/seed';
import { AVERY, BO, CASEY, CONTOSO, DANA, ELI, FANG } from '../support/people';
import { fixedClock } from '../support/testApp';

const ga = { tenantId: CONTOSO, aadObjectId: AVERY.aadObjectId, roles: ['GlobalAdmin' as const] };
const PKG = 'package:silver-addon';

describe('a cancellation and benefit acts at the same moment: exactly one side wins', () => {
  let store: MemoryStore;
  let actions: BenefitActions;
  let support: SupportBenefits;
  const clock = fixedClock();
  beforeEach(async () => {
    store = openMemoryStore();
    await loadSeedFile('data/demo.json', store.repos, clock);
    const audit = new AuditLog(store.repos.audit, clock);
    actions = new BenefitActions(store.repos, clock, audit);
    support = new SupportBenefits(store.repos, audit, clock, DEFAULT_ACTIVATION);
  });
  afterEach(() => store.close());

  const acts = () => [
    ...['en-US', 'zh-CN'].flatMap((language) =>
      ['x64', 'x86'].map(
        (osType) => () =>
          actions.revealKey(ga, { benefitId: 'benefit:visio', productId: 'visio2021-pro', language, osType }),
      ),
    ),
    ...[ELI, FANG, CASEY, BO, DANA].map(
      (p) => () => actions.addCreditUser(ga, 'benefit:addon-azure-monthly', p.aadObjectId),
    ),
    () => support.activate(ga, 'benefit:addon-advisory'),
  ];

  it.each([
    ['the cancellation starts first', 0],
    ['the acts start first', 1],
  ])(
    '%s: either it is cancelled and no act succeeded, or it is refused because something was used',
    async (_l, order) => {
      const cancel = () => actions.cancelPackage(ga, PKG);
      const all = order === 0 ? [cancel, ...acts()] : [...acts(), cancel];
      const results = await Promise.allSettled(all.map((f) => f()));
      const cancelResult = results[order === 0 ? 0 : results.length - 1];
      const actResults = results.filter((r) => r !== cancelResult);
      const pkg = (await store.repos.packages.get(CONTOSO, PKG))?.doc;
      if (cancelResult.status === 'fulfilled') {
        expect(pkg?.status).toBe('cancelled');
        expect(actResults.filter((r) => r.status === 'fulfilled')).toEqual([]);
        const addon = await store.repos.benefits.list(CONTOSO, { where: { packageId: PKG } });
        // Nothing of the package was put to use.
        expect(addon.map((b) => b.doc.details)).toEqual(
          expect.not.arrayContaining([expect.objectContaining({ firstRevealedAt: expect.any(String) })]),
        );
      } else {
        expect((cancelResult.reason as RuleViolation).key).toMatch(/^benefits\.cancel\.block\./);
        expect(pkg?.status).toBe('active');
        expect(pkg?.firstUse).toBeDefined();
        expect(actResults.some((r) => r.status === 'fulfilled')).toBe(true);
      }
      // Every act that failed was refused by a rule or lost a busy race, never half-done.
      for (const r of actResults) {
        if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(Error);
      }
    },
  );

  it('refuses every kind of act once the package is cancelled, with the withdrawn-benefit message', async () => {
    await actions.cancelPackage(ga, PKG);
    for (const act of acts()) {
      await expect(act()).rejects.toMatchObject({ key: 'benefits.packageCancelled' });
    }
  });

  it('refuses the cancellation after one credit user was added and removed again (the use stays recorded)', async () => {
    await actions.addCreditUser(ga, 'benefit:addon-azure-monthly', ELI.aadObjectId);
    await actions.removeCreditUser(ga, 'benefit:addon-azure-monthly', ELI.aadObjectId);
    await expect(actions.cancelPackage(ga, PKG)).rejects.toMatchObject({
      key: 'benefits.cancel.block.creditAssigned',
    });
  });

  it('cancels the unused package (nothing marked), so the check does not refuse on its own', async () => {
    expect((await actions.cancelPackage(ga, PKG)).status).toBe('cancelled');
  });
});

describe('no expiry notices for a cancelled package', () => {
  it('lists the recent package and its benefits among expiring items before its cancellation, and none after', async () => {
    const clock = fixedClock();
    const store = openMemoryStore();
    try {
      await loadSeedFile('data/demo.json', store.repos, clock);
      const ofPackage = async () =>
        (await expiringItems(store.repos, CONTOSO))
          .map((i) => i.itemId)
          .filter((id) => id === PKG || ['benefit:visio', 'benefit:addon-gtm'].includes(id));
      expect((await ofPackage()).sort()).toEqual(['benefit:addon-gtm', 'benefit:visio', PKG]);
      await new BenefitActions(store.repos, clock, new AuditLog(store.repos.audit, clock)).cancelPackage(
        ga,
        PKG,
      );
      expect(await ofPackage()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe('an act that fails leaves the package as it found it (no first use is recorded)', () => {
  let store: MemoryStore;
  let actions: BenefitActions;
  let support: SupportBenefits;
  let seats: SeatService;
  const clock = fixedClock();
  beforeEach(async () => {
    store = openMemoryStore();
    await loadSeedFile('data/demo.json', store.repos, clock);
    const audit = new AuditLog(store.repos.audit, clock);
    actions = new BenefitActions(store.repos, clock, audit);
    support = new SupportBenefits(store.repos, audit, clock, DEFAULT_ACTIVATION);
    seats = new SeatService(store.repos, audit, clock);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
  });

  const storeGone = () => new Error('the store went away');
  const redeemPowerBi = async () => {
    const { plans } = await actions.redemptionOptions(CONTOSO, 'benefit:power-bi', 'pbi-k1');
    const plan = plans.addSeats as { endDateAfter: string };
    return actions.redeem(ga, {
      benefitId: 'benefit:power-bi',
      keyId: 'pbi-k1',
      mode: 'addSeats',
      expectEndDate: plan.endDateAfter,
      acceptShortTerm: true,
    });
  };
  const failing: [string, () => void, () => Promise<unknown>][] = [
    [
      'a technical activation whose write fails',
      () => jest.spyOn(store.repos.benefits, 'replace').mockRejectedValueOnce(storeGone()),
      () => support.activate(ga, 'benefit:addon-advisory'),
    ],
    [
      'a software key reveal whose write fails',
      () => jest.spyOn(store.repos.benefits, 'replace').mockRejectedValueOnce(storeGone()),
      () =>
        actions.revealKey(ga, {
          benefitId: 'benefit:visio',
          productId: 'visio2021-pro',
          language: 'en-US',
          osType: 'x64',
        }),
    ],
    [
      'a licence redemption whose write fails',
      () => jest.spyOn(store.repos.benefits, 'replace').mockRejectedValueOnce(storeGone()),
      redeemPowerBi,
    ],
    [
      'adding a monthly credit user whose write fails',
      () => jest.spyOn(store.repos.benefits, 'replace').mockRejectedValueOnce(storeGone()),
      () => actions.addCreditUser(ga, 'benefit:addon-azure-monthly', ELI.aadObjectId),
    ],
    [
      'a Visual Studio seat assignment whose write fails',
      () => jest.spyOn(store.repos.seatAssignments, 'create').mockRejectedValueOnce(storeGone()),
      () => seats.assign(ga, 'pool:addon-vs-professional', ELI.aadObjectId),
    ],
  ];

  it.each(failing)(
    '%s: the package is not marked used and can still be cancelled',
    async (_l, breakIt, act) => {
      breakIt();
      await expect(act()).rejects.toThrow('the store went away');
      const pkg = (await store.repos.packages.get(CONTOSO, PKG))?.doc;
      expect(pkg?.firstUse).toBeUndefined();
      expect(pkg?.usesInFlight).toBeUndefined();
      expect((await actions.cancelPackage(ga, PKG)).status).toBe('cancelled');
    },
  );

  it.each(failing)(
    '%s, then the same act again succeeds: now the cancellation is refused',
    async (_l, breakIt, act) => {
      breakIt();
      await expect(act()).rejects.toThrow();
      await act();
      expect((await store.repos.packages.get(CONTOSO, PKG))?.doc.firstUse).toBeDefined();
      await expect(actions.cancelPackage(ga, PKG)).rejects.toMatchObject({
        key: expect.stringMatching(/^benefits\.cancel\.block\./),
      });
    },
  );

  it('refuses the cancellation while an act is under way, and allows it once that act has failed', async () => {
    let fail!: (err: Error) => void;
    const original = store.repos.benefits.replace.bind(store.repos.benefits);
    jest
      .spyOn(store.repos.benefits, 'replace')
      .mockImplementationOnce(() => new Promise((_res, rej) => (fail = rej)));
    const activation = support.activate(ga, 'benefit:addon-advisory');
    // Wait until the act has put its entry on the package and is writing the benefit.
    for (let i = 0; i < 200 && !(await store.repos.packages.get(CONTOSO, PKG))?.doc.usesInFlight; i++) {
      await new Promise((res) => setTimeout(res, 5));
    }
    await expect(actions.cancelPackage(ga, PKG)).rejects.toMatchObject({
      key: 'benefits.cancel.block.activationRequested',
    });
    fail(storeGone());
    await expect(activation).rejects.toThrow('the store went away');
    jest.spyOn(store.repos.benefits, 'replace').mockImplementation(original);
    expect((await actions.cancelPackage(ga, PKG)).status).toBe('cancelled');
  });

  it('one act fails while another succeeds at the same moment: the success still blocks the cancellation', async () => {
    jest.spyOn(store.repos.seatAssignments, 'create').mockRejectedValueOnce(storeGone());
    const [seat, key] = await Promise.allSettled([
      seats.assign(ga, 'pool:addon-vs-professional', ELI.aadObjectId),
      actions.revealKey(ga, {
        benefitId: 'benefit:visio',
        productId: 'visio2021-pro',
        language: 'en-US',
        osType: 'x64',
      }),
    ]);
    expect(seat.status).toBe('rejected');
    expect(key.status).toBe('fulfilled');
    const pkg = (await store.repos.packages.get(CONTOSO, PKG))?.doc;
    expect(pkg?.firstUse).toMatchObject({ how: 'keyViewed', benefit: 'Visio Professional 2021' });
    expect(pkg?.usesInFlight).toBeUndefined();
    await expect(actions.cancelPackage(ga, PKG)).rejects.toMatchObject({
      key: 'benefits.cancel.block.keyViewed',
    });
  });
});
