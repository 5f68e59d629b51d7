import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { SYSTEM_ACTOR, type ActivationSettings } from '../../src/domain/activation';
import type { ActivationResult, EffectiveStatus } from '../../src/domain/activationLifecycle';
import { AuditLog } from '../../src/domain/audit';
import { BenefitActions } from '../../src/domain/benefitActions';
import { RuleViolation } from '../../src/domain/errors';
import { GoToMarket } from '../../src/domain/gtm';
import type { Benefit, BenefitPackage, MarketingContact, Membership } from '../../src/domain/model';
import type { Actor } from '../../src/domain/policy';
import type { Repository } from '../../src/domain/ports';
import type { Repositories } from '../../src/domain/repositories';
import { SupportBenefits } from '../../src/domain/support';
import { openStore, type Store } from '../../src/store';
import { fixedClock, FIXED_NOW } from '../support/testApp';

/**
 * The one activation lifecycle, run as the same table against a technical benefit and a
 * Go-To-Market offer: request → pending → active after the kind's processing delay, or at once
 * by hand in local mode; every transition audited once; what an adversary would try refused.
 */

const ADMIN = 'a0000000-0000-4000-8000-0000000000a1';
const OTHER_ADMIN = 'a0000000-0000-4000-8000-0000000000a2';
const DAY_MS = 86_400_000;
const PACKAGE = 'package:silver-core';

interface Service {
  activate(actor: Actor, benefitId: string): Promise<ActivationResult<{ status: EffectiveStatus }>>;
  complete(actor: Actor, benefitId: string): Promise<ActivationResult<{ status: EffectiveStatus }>>;
  /** The benefit as the card reads it (a first read after the delay writes the completion). */
  read(tenantId: string, benefitId: string): Promise<{ status: EffectiveStatus } | undefined>;
}

interface KindCase {
  kind: 'support' | 'gtm';
  benefitId: string;
  delayDays: number;
  notFound: string;
  benefit(tenantId: string): Benefit;
  service(
    repos: Repositories,
    audit: AuditLog,
    clock: ReturnType<typeof fixedClock>,
    s: ActivationSettings,
  ): Service;
}

const common = (tenantId: string, id: string, name: string) => ({
  type: 'benefit' as const,
  id,
  tenantId,
  packageId: PACKAGE,
  name,
  benefitType: 'core' as const,
  quantity: 1,
  expiresOn: '2027-03-31',
});

/**
 * The benefits repository with its first `writers` replaces held until all of them arrived: the
 * requests have all read the benefit as not activated, and their writes race with one ETag.
 */
function racingWrites(repos: Repositories, writers: number): Repositories {
  let arrived = 0;
  let release: () => void = () => undefined;
  const allThere = new Promise<void>((res) => (release = res));
  const benefits: Repository<Benefit> = Object.create(repos.benefits) as Repository<Benefit>;
  benefits.replace = async (doc, etag) => {
    if (arrived < writers) {
      arrived += 1;
      if (arrived === writers) release();
      await allThere;
    }
    return repos.benefits.replace(doc, etag);
  };
  return { ...repos, benefits };
}

const KINDS: [string, KindCase][] = [
  [
    'a technical benefit',
    {
      kind: 'support',
      benefitId: 'benefit:onprem',
      delayDays: 3,
      notFound: 'support.notFound',
      benefit: (tenantId) => ({
        ...common(tenantId, 'benefit:onprem', 'On-premises support incidents'),
        details: {
          category: 'technical',
          kind: 'onPremisesIncidents',
          allowance: 15,
          used: 0,
          unit: 'incidents',
          status: 'notActivated',
        },
      }),
      service: (repos, audit, clock, s) => {
        const svc = new SupportBenefits(repos, audit, clock, s);
        return {
          activate: (a, id) => svc.activate(a, id),
          complete: (a, id) => svc.complete(a, id),
          read: async (t, id) => (await svc.overview(t)).benefits.find((b) => b.benefit.id === id),
        };
      },
    },
  ],
  [
    'a Go-To-Market offer',
    {
      kind: 'gtm',
      benefitId: 'benefit:gtm-silver-core',
      delayDays: 5,
      notFound: 'gtm.notFound',
      benefit: (tenantId) => ({
        ...common(tenantId, 'benefit:gtm-silver-core', 'Silver core'),
        details: { category: 'gtm', offer: 'Silver core', status: 'notActivated' },
      }),
      service: (repos, audit, clock, s) => {
        const svc = new GoToMarket(repos, audit, clock, s);
        return {
          activate: (a, id) => svc.activate(a, id),
          complete: (a, id) => svc.complete(a, id),
          read: async (t, id) => (await svc.overview(t)).offers.find((b) => b.benefit.id === id),
        };
      },
    },
  ],
];

describe.each(KINDS)('the activation lifecycle of %s', (_label, k) => {
  let store: Store;
  let tenantCount = 0;
  const clock = fixedClock();
  const audit = () => new AuditLog(store.repos.audit, clock);
  const settings = (manualCompletion: boolean): ActivationSettings => ({
    supportDays: 3,
    gtmDays: 5,
    manualCompletion,
  });

  beforeAll(async () => {
    store = await openStore(
      { database: `activation-${k.kind}`, localPort: 0, localDataDir: mkdtempSync(join(tmpdir(), 'act-')) },
      pino({ level: 'silent' }),
    );
  });
  afterAll(() => store.close());
  beforeEach(() => clock.set(FIXED_NOW));

  /** A fresh organisation (Silver competency, active package, marketing contact) holding the benefit. */
  async function organisation(): Promise<{ tenantId: string; admin: Actor }> {
    tenantCount += 1;
    const tenantId = `d0c0ffee-0000-4000-8000-${String(tenantCount).padStart(12, '0')}`;
    const membership: Membership = {
      type: 'membership',
      id: 'membership',
      tenantId,
      partnerId: '4411223',
      level: 'competency',
      competencies: [{ area: 'Application Development', tier: 'silver' }],
      status: 'active',
      accountEmail: 'partners@contoso.example',
    };
    const pkg: BenefitPackage = {
      type: 'package',
      id: PACKAGE,
      tenantId,
      name: 'Silver core',
      offerType: 'silver',
      purchasedOn: '2026-11-20',
      expiresOn: '2027-03-31',
      status: 'active',
    };
    const contact: MarketingContact = {
      type: 'marketingContact',
      id: 'marketingContact',
      tenantId,
      aadObjectId: ADMIN,
      name: 'Avery Admin',
      email: 'marketing@contoso.example',
      phone: '+862155550100',
      language: 'en-US',
      setBy: ADMIN,
      setAt: FIXED_NOW.toISOString(),
    };
    await store.repos.memberships.create(membership);
    await store.repos.packages.create(pkg);
    await store.repos.marketingContacts.create(contact);
    await store.repos.benefits.create(k.benefit(tenantId));
    return { tenantId, admin: { tenantId, aadObjectId: ADMIN, roles: ['GlobalAdmin'] } };
  }

  const stored = async (tenantId: string) => (await store.repos.benefits.get(tenantId, k.benefitId))?.doc;
  const storedStatus = async (tenantId: string) =>
    ((await stored(tenantId))?.details as { status?: string } | undefined)?.status;
  const entries = async (tenantId: string, action: string) =>
    (await audit().recent(tenantId, 100)).filter((e) => e.action === action && e.target === k.benefitId);
  const later = (days: number, ms = 0) => new Date(FIXED_NOW.getTime() + days * DAY_MS + ms);

  it('a request makes it pending, audited once; a second request is alreadyPending and writes nothing', async () => {
    const { tenantId, admin } = await organisation();
    const svc = k.service(store.repos, audit(), clock, settings(false));
    const first = await svc.activate(admin, k.benefitId);
    expect(first.outcome).toBe('requested');
    expect(first.state.status).toBe('pending');
    expect(await stored(tenantId)).toMatchObject({
      details: { status: 'pending', requestedOn: FIXED_NOW.toISOString(), requestedBy: ADMIN },
    });
    const pkg = (await store.repos.packages.get(tenantId, PACKAGE))?.doc;
    expect(pkg?.firstUse).toMatchObject({ by: ADMIN, how: 'activationRequested' });

    const second = await svc.activate(admin, k.benefitId);
    expect(second.outcome).toBe('alreadyPending');
    const activations = await entries(tenantId, `${k.kind}.activate`);
    expect(activations).toHaveLength(1);
    expect(activations[0]).toMatchObject({
      actor: ADMIN,
      outcome: 'success',
      detail: `pending; processing takes ${k.delayDays} days`,
    });
  });

  it(`stays pending until ${k.delayDays} days have passed, then is active, written and audited once by the system`, async () => {
    const { tenantId, admin } = await organisation();
    const svc = k.service(store.repos, audit(), clock, settings(false));
    await svc.activate(admin, k.benefitId);

    clock.set(later(k.delayDays, -1));
    expect((await svc.read(tenantId, k.benefitId))?.status).toBe('pending');
    expect(await storedStatus(tenantId)).toBe('pending');

    clock.set(later(k.delayDays));
    // Two readers at the same moment: one writes the completion, neither sees anything but active.
    const [a, b] = await Promise.all([svc.read(tenantId, k.benefitId), svc.read(tenantId, k.benefitId)]);
    expect([a?.status, b?.status]).toEqual(['active', 'active']);
    expect(await stored(tenantId)).toMatchObject({
      details: { status: 'active', activatedOn: later(k.delayDays).toISOString().slice(0, 10) },
    });
    await svc.read(tenantId, k.benefitId);
    const completions = await entries(tenantId, `${k.kind}.complete`);
    expect(completions).toHaveLength(1);
    expect(completions[0].actor).toBe(SYSTEM_ACTOR);
    expect(completions[0].detail).toContain(`processing delay of ${k.delayDays} days elapsed`);

    expect((await svc.activate(admin, k.benefitId)).outcome).toBe('alreadyActive');
    expect(await entries(tenantId, `${k.kind}.activate`)).toHaveLength(1);
  });

  it('reads active once the delay has passed even when a request finds it before anyone wrote it down', async () => {
    const { tenantId, admin } = await organisation();
    const svc = k.service(store.repos, audit(), clock, settings(false));
    await svc.activate(admin, k.benefitId);
    clock.set(later(k.delayDays));
    const again = await svc.activate(admin, k.benefitId);
    expect(again.outcome).toBe('alreadyActive');
    expect(again.state.status).toBe('active');
    expect(await storedStatus(tenantId)).toBe('active');
    expect(await entries(tenantId, `${k.kind}.complete`)).toHaveLength(1);
  });

  it('completing now is refused outside local mode: nothing is written', async () => {
    const { tenantId, admin } = await organisation();
    const svc = k.service(store.repos, audit(), clock, settings(false));
    await svc.activate(admin, k.benefitId);
    await expect(svc.complete(admin, k.benefitId)).rejects.toEqual(
      new RuleViolation('support.complete.localOnly'),
    );
    expect(await storedStatus(tenantId)).toBe('pending');
    expect(await entries(tenantId, `${k.kind}.complete`)).toHaveLength(0);
  });

  it('in local mode a pending one completes now, audited once for the person; again is alreadyActive', async () => {
    const { tenantId, admin } = await organisation();
    const svc = k.service(store.repos, audit(), clock, settings(true));
    await svc.activate(admin, k.benefitId);
    clock.set(later(1));
    const done = await svc.complete(admin, k.benefitId);
    expect(done.outcome).toBe('completed');
    expect(done.state.status).toBe('active');
    expect(await stored(tenantId)).toMatchObject({
      details: { status: 'active', activatedOn: later(1).toISOString().slice(0, 10) },
    });
    expect((await svc.complete(admin, k.benefitId)).outcome).toBe('alreadyActive');
    expect((await svc.activate(admin, k.benefitId)).outcome).toBe('alreadyActive');
    // The delay running out later changes nothing more.
    clock.set(later(k.delayDays + 1));
    await svc.read(tenantId, k.benefitId);
    const completions = await entries(tenantId, `${k.kind}.complete`);
    expect(completions).toHaveLength(1);
    expect(completions[0]).toMatchObject({ actor: ADMIN });
    expect(completions[0].detail).toContain('completed by hand (local mode)');
  });

  it('in local mode completing one that was never requested is refused', async () => {
    const { tenantId, admin } = await organisation();
    const svc = k.service(store.repos, audit(), clock, settings(true));
    await expect(svc.complete(admin, k.benefitId)).rejects.toMatchObject({
      key: 'support.complete.notPending',
    });
    expect(await storedStatus(tenantId)).toBe('notActivated');
  });

  it('two requests at the same moment make one request: one requested, one alreadyPending, one audit entry', async () => {
    const { tenantId, admin } = await organisation();
    const svc = k.service(racingWrites(store.repos, 2), audit(), clock, settings(false));
    const results = await Promise.all([
      svc.activate(admin, k.benefitId),
      svc.activate({ ...admin, aadObjectId: OTHER_ADMIN }, k.benefitId),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['alreadyPending', 'requested']);
    // The request that won is the one written down and audited; the other changed nothing.
    const winner = results[0].outcome === 'requested' ? ADMIN : OTHER_ADMIN;
    expect(await stored(tenantId)).toMatchObject({ details: { status: 'pending', requestedBy: winner } });
    const activations = await entries(tenantId, `${k.kind}.activate`);
    expect(activations.map((e) => e.actor)).toEqual([winner]);
  });

  it('a cancelled package’s benefit cannot be requested: refused, nothing written or audited', async () => {
    const { tenantId, admin } = await organisation();
    await new BenefitActions(store.repos, clock, audit()).cancelPackage(admin, PACKAGE);
    const svc = k.service(store.repos, audit(), clock, settings(true));
    await expect(svc.activate(admin, k.benefitId)).rejects.toMatchObject({
      key: 'benefits.packageCancelled',
    });
    expect(await storedStatus(tenantId)).toBe('notActivated');
    expect(await entries(tenantId, `${k.kind}.activate`)).toHaveLength(0);
  });

  it('another organisation’s benefit can be neither requested nor completed by its id', async () => {
    const victim = await organisation();
    const { admin: intruder } = await organisation();
    const svc = k.service(store.repos, audit(), clock, settings(true));
    // The intruder's own copy is gone: the id names only the victim's benefit now.
    await store.repos.benefits.delete(intruder.tenantId, k.benefitId);
    await expect(svc.activate(intruder, k.benefitId)).rejects.toMatchObject({ key: k.notFound });
    await svc.activate(victim.admin, k.benefitId);
    await expect(svc.complete(intruder, k.benefitId)).rejects.toMatchObject({ key: k.notFound });
    expect(await storedStatus(victim.tenantId)).toBe('pending');
    expect(await entries(victim.tenantId, `${k.kind}.complete`)).toHaveLength(0);
  });
});
