import { AuditLog } from '../../src/domain/audit';
import { ConcurrencyError, RuleViolation } from '../../src/domain/errors';
import type { SeatRequest } from '../../src/domain/model';
import { MutationAbandonedError, RETRY_POLICY } from '../../src/domain/mutate';
import { canReassign, reassignableOn, SeatService } from '../../src/domain/seats';
import { openMemoryStore, type MemoryStore } from '../../src/store/memory';
import { loadSeedFile } from '../../src/store/seed';
import { AVERY, CASEY, CONTOSO, ELI, FANG } from '../support/people';
import { fixedClock } from '../support/testApp';

describe('the 90-day reassignment rule', () => {
  const assignedAt = '2026-08-26T15:30:00.000Z';
  it.each([
    ['89 days after', '2026-11-23T23:59:00Z', false],
    ['90 days after', '2026-11-24T00:00:00Z', true],
    ['91 days after', '2026-11-25T08:00:00Z', true],
  ])('%s the assignment (now %s): reassignable = %s', (_label, now, expected) => {
    expect(canReassign(new Date(now), assignedAt)).toBe(expected);
  });

  it('names the first day it becomes possible', () => {
    expect(reassignableOn(assignedAt)).toBe('2026-11-24');
  });
});

describe('seat pools on the in-memory store', () => {
  let store: MemoryStore;
  let seats: SeatService;
  const clock = fixedClock();
  const ga = { tenantId: CONTOSO, aadObjectId: AVERY.aadObjectId, roles: ['GlobalAdmin' as const] };
  beforeAll(async () => {
    store = openMemoryStore();
    await loadSeedFile('data/demo.json', store.repos, clock);
    seats = new SeatService(store.repos, new AuditLog(store.repos.audit, clock), clock);
  });
  afterAll(() => store.close());

  it('shows the demo pool with 2 of 10 seats used', async () => {
    const u = await seats.usage(CONTOSO, 'pool:vs-enterprise');
    expect([u.used, u.pool.seats, u.free]).toEqual([2, 10, 8]);
  });

  it('refuses to reassign the seat given 10 days ago, and says from when', async () => {
    await expect(
      seats.reassign(ga, 'assignment:pool:vs-enterprise:2', ELI.aadObjectId),
    ).rejects.toMatchObject({
      key: 'seats.reassignTooEarly',
      params: { date: '2027-02-12' },
    });
  });

  it('reassigns the seat given 100 days ago', async () => {
    const moved = await seats.reassign(ga, 'assignment:pool:vs-enterprise:1', ELI.aadObjectId);
    expect(moved.assignee).toBe(ELI.aadObjectId);
    expect(moved.assignedAt).toBe(clock.now().toISOString());
  });

  it('refuses a second request from the same person while one is open', async () => {
    const fang = { tenantId: CONTOSO, aadObjectId: FANG.aadObjectId, roles: [] };
    await seats.request(fang, FANG.name, 'pool:vs-enterprise', 'need it');
    await expect(seats.request(fang, FANG.name, 'pool:vs-enterprise', 'again')).rejects.toMatchObject({
      key: 'seats.duplicateRequest',
    });
  });

  it('refuses a request from someone who already holds a seat', async () => {
    const casey = { tenantId: CONTOSO, aadObjectId: CASEY.aadObjectId, roles: [] };
    await expect(seats.request(casey, CASEY.name, 'pool:vs-enterprise', 'x')).rejects.toBeInstanceOf(
      RuleViolation,
    );
  });

  it('never assigns more seats than the pool holds: a full pool refuses', async () => {
    await store.repos.seatPools.create({
      type: 'seatPool',
      id: 'pool:tiny',
      tenantId: CONTOSO,
      subscription: 'Visual Studio Professional',
      seats: 1,
      benefitId: 'benefit:vs-enterprise',
      expiresOn: '2027-01-01',
    });
    await seats.assign(ga, 'pool:tiny', FANG.aadObjectId);
    await expect(seats.assign(ga, 'pool:tiny', ELI.aadObjectId)).rejects.toMatchObject({
      key: 'seats.poolFull',
    });
    expect((await seats.usage(CONTOSO, 'pool:tiny')).used).toBe(1);
  });

  it('releases a seat, audited', async () => {
    await seats.release(ga, 'assignment:pool:tiny:1');
    expect((await seats.usage(CONTOSO, 'pool:tiny')).used).toBe(0);
    const audit = await store.repos.audit.list(CONTOSO, { where: { action: 'seat.release' } });
    expect(audit).toHaveLength(1);
  });

  const fangsRequest = async () =>
    (await seats.pendingRequests(CONTOSO)).find((r) => r.requester === FANG.aadObjectId)!;

  it('gives up with MutationAbandonedError (no seat, the request still waiting) when every claim of the request loses a race', async () => {
    const request = await fangsRequest();
    const before = (await seats.usage(CONTOSO, 'pool:vs-enterprise')).used;
    const requests = store.repos.seatRequests;
    const real = requests.replace.bind(requests);
    let claims = 0;
    const spy = jest.spyOn(requests, 'replace').mockImplementation((doc: SeatRequest, etag: string) => {
      if (doc.status !== 'approving') return real(doc, etag);
      claims += 1;
      return Promise.reject(new ConcurrencyError(doc.id)); // someone else changed it first, every time
    });
    try {
      const failure = await seats.approve(ga, AVERY.name, request.id).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(MutationAbandonedError);
    } finally {
      spy.mockRestore();
    }
    expect(claims).toBe(RETRY_POLICY.attempts);
    expect((await seats.usage(CONTOSO, 'pool:vs-enterprise')).used).toBe(before);
    expect((await seats.getRequest(CONTOSO, request.id)).doc.status).toBe('pending');
  }, 20_000);

  it('gives exactly one seat when two admins approve the same request twelve times at once', async () => {
    const request = await fangsRequest();
    const eli = { ...ga, aadObjectId: ELI.aadObjectId };
    const before = (await seats.usage(CONTOSO, 'pool:vs-enterprise')).used;
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 ? seats.approve(eli, ELI.name, request.id) : seats.approve(ga, AVERY.name, request.id),
      ),
    );
    const usage = await seats.usage(CONTOSO, 'pool:vs-enterprise');
    expect(usage.used).toBe(before + 1);
    expect(usage.assignments.filter((a) => a.assignee === FANG.aadObjectId)).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'decided')).toHaveLength(1);
    // Every approver is shown the same decision: the one seat.
    expect(new Set(outcomes.map((o) => o.request.decision?.seatNo)).size).toBe(1);
  }, 30_000);
});
