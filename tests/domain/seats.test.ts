import { AuditLog } from '../../src/domain/audit';
import { RuleViolation } from '../../src/domain/errors';
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
});
