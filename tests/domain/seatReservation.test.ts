import { AuditLog } from '../../src/domain/audit';
import { SeatService } from '../../src/domain/seats';
import { openMemoryStore, type MemoryStore } from '../../src/store/memory';
import { loadSeedFile } from '../../src/store/seed';
import { AVERY, CASEY, CONTOSO, DANA, ELI, FANG } from '../support/people';
import { FIXED_NOW, fixedClock } from '../support/testApp';

const DAY = 86_400_000;
const ga = { tenantId: CONTOSO, aadObjectId: AVERY.aadObjectId, roles: ['GlobalAdmin' as const] };

/**
 * The 90 days run from when the seat was assigned to the person it is now being taken from
 * (`assignedAt`); a release before then keeps the seat reserved until that day.
 */
describe('a seat released before its 90 days stays reserved', () => {
  let store: MemoryStore;
  let seats: SeatService;
  const clock = fixedClock();
  beforeEach(async () => {
    clock.set(FIXED_NOW);
    store = openMemoryStore();
    await loadSeedFile('data/demo.json', store.repos, clock);
    seats = new SeatService(store.repos, new AuditLog(store.repos.audit, clock), clock);
  });
  afterEach(() => store.close());

  const tinyPool = async (seatsInPool: number) =>
    store.repos.seatPools.create({
      type: 'seatPool',
      id: 'pool:tiny',
      tenantId: CONTOSO,
      subscription: 'Visual Studio Professional',
      seats: seatsInPool,
      benefitId: 'benefit:vs-enterprise',
      expiresOn: '2027-12-31',
    });

  it('keeps the seat Casey got 10 days ago reserved after its release, until Feb 12, 2027', async () => {
    const released = await seats.release(ga, 'assignment:pool:vs-enterprise:2');
    expect(released.released).toMatchObject({ freeOn: '2027-02-12', by: AVERY.aadObjectId });
    const u = await seats.usage(CONTOSO, 'pool:vs-enterprise');
    expect([u.used, u.reserved.length, u.free]).toEqual([1, 1, 8]);
  });

  it('still gives out the other free seats of the pool, never the reserved one', async () => {
    await seats.release(ga, 'assignment:pool:vs-enterprise:2');
    const given = await seats.assign(ga, 'pool:vs-enterprise', ELI.aadObjectId);
    expect(given.seatNo).toBe(3);
  });

  it('frees at once a seat released after its 90 days (Fang had seat 1 for 100 days)', async () => {
    await seats.release(ga, 'assignment:pool:vs-enterprise:1');
    expect(await store.repos.seatAssignments.get(CONTOSO, 'assignment:pool:vs-enterprise:1')).toBeUndefined();
    expect((await seats.assign(ga, 'pool:vs-enterprise', ELI.aadObjectId)).seatNo).toBe(1);
  });

  it('refuses the reserved seat to someone else on day 89 and gives it on day 90 (release + assign skips nothing)', async () => {
    await tinyPool(1);
    await seats.assign(ga, 'pool:tiny', FANG.aadObjectId);
    clock.set(new Date(FIXED_NOW.getTime() + 10 * DAY));
    await seats.release(ga, 'assignment:pool:tiny:1');
    clock.set(new Date(FIXED_NOW.getTime() + 89 * DAY));
    await expect(seats.assign(ga, 'pool:tiny', ELI.aadObjectId)).rejects.toMatchObject({
      key: 'seats.poolFullReserved',
      params: { date: '2027-02-22' },
    });
    // Reassigning the released seat is no way round either.
    await expect(seats.reassign(ga, 'assignment:pool:tiny:1', ELI.aadObjectId)).rejects.toMatchObject({
      key: 'seats.unknownAssignment',
    });
    clock.set(new Date('2027-02-22T00:00:00Z'));
    const given = await seats.assign(ga, 'pool:tiny', ELI.aadObjectId);
    expect([given.seatNo, given.assignee]).toEqual([1, ELI.aadObjectId]);
    expect((await seats.usage(CONTOSO, 'pool:tiny')).reserved).toEqual([]);
  });

  it('lets exactly one of two simultaneous approvals have the last non-reserved seat', async () => {
    await tinyPool(2);
    await seats.assign(ga, 'pool:tiny', FANG.aadObjectId);
    await seats.release(ga, 'assignment:pool:tiny:1');
    const results = await Promise.allSettled([
      seats.assign(ga, 'pool:tiny', ELI.aadObjectId),
      seats.assign(ga, 'pool:tiny', DANA.aadObjectId),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { key: 'seats.poolFullReserved' },
    });
    const u = await seats.usage(CONTOSO, 'pool:tiny');
    expect([u.used, u.reserved.length, u.free]).toEqual([1, 1, 0]);
  });

  it('lets exactly one of two simultaneous assignments take a seat whose reservation is over', async () => {
    await tinyPool(1);
    await seats.assign(ga, 'pool:tiny', FANG.aadObjectId);
    await seats.release(ga, 'assignment:pool:tiny:1');
    clock.set(new Date(FIXED_NOW.getTime() + 90 * DAY));
    const results = await Promise.allSettled([
      seats.assign(ga, 'pool:tiny', ELI.aadObjectId),
      seats.assign(ga, 'pool:tiny', DANA.aadObjectId),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await seats.usage(CONTOSO, 'pool:tiny')).used).toBe(1);
  });

  it('counts a second reassignment from the day the seat reached its current holder, not its first holder', async () => {
    // Fang has had seat 1 for 100 days: it may go to Eli today, but not from Eli on to Casey.
    await seats.reassign(ga, 'assignment:pool:vs-enterprise:1', ELI.aadObjectId);
    await expect(
      seats.reassign(ga, 'assignment:pool:vs-enterprise:1', CASEY.aadObjectId),
    ).rejects.toMatchObject({ key: 'seats.reassignTooEarly', params: { date: '2027-02-22' } });
    // And releasing it from Eli keeps it reserved until that same day.
    const released = await seats.release(ga, 'assignment:pool:vs-enterprise:1');
    expect(released.released?.freeOn).toBe('2027-02-22');
  });
});
