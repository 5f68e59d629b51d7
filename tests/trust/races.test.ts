import { planRedemption, type LicenceDetails } from '../../src/domain/licenceTerm';
import { SeatService } from '../../src/domain/seats';
import { AVERY, CONTOSO, DANA, ELI, type Person } from '../support/people';
import { cardText, FIXED_NOW, startTestApp, type TestApp } from '../support/testApp';
import { act, CARD, MESSAGE, type Reply } from './trustKit';

/**
 * Races through the HTTP stack against the real local store: many presses at the same moment
 * end in exactly one outcome, every client is told the same final state, and the store agrees.
 */

const seatsOf = (t: TestApp) =>
  new SeatService(t.app.store.repos, t.app.services.audit, t.app.services.clock);
const press = (t: TestApp, person: Person, verb: string, data: unknown) =>
  act(t, person, { kind: 'invoke', verb, data });

async function makeGlobalAdmin(t: TestApp, p: Person): Promise<void> {
  const m = await t.app.store.repos.members.get(CONTOSO, `member:${p.aadObjectId}`);
  if (!m) throw new Error(`no ${p.name}`);
  await t.app.store.repos.members.replace({ ...m.doc, roles: ['GlobalAdmin'] }, m.etag);
}

/** `n` people of Contoso, each with a pending request on `poolId`. */
async function pendingRequests(t: TestApp, poolId: string, n: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const aad = `${tag}-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const now = FIXED_NOW.toISOString();
    await t.app.store.repos.members.create({
      type: 'member',
      id: `member:${aad}`,
      tenantId: CONTOSO,
      aadObjectId: aad,
      name: `Requester ${tag} ${i}`,
      roles: [],
      guest: false,
      createdAt: now,
      updatedAt: now,
    });
    const r = await seatsOf(t).request(
      { tenantId: CONTOSO, aadObjectId: aad, roles: [] },
      `Requester ${tag} ${i}`,
      poolId,
      'race',
    );
    ids.push(r.id);
  }
  return ids;
}

const text = (r: Reply) =>
  r.invoke?.type === CARD ? cardText(r.invoke.value).join('\n') : String(r.invoke?.value);

describe('races: one outcome however many press at once', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    for (const p of [AVERY, DANA, ELI]) await act(t, p, { kind: 'say', text: 'help' });
    await makeGlobalAdmin(t, DANA);
  });
  afterAll(async () => {
    await t.app.services.background.drain();
    await t.stop();
  });

  it('gives the last free seat to exactly one of 100 requests approved at the same moment', async () => {
    await t.app.store.repos.seatPools.create({
      type: 'seatPool',
      id: 'pool:one-seat',
      tenantId: CONTOSO,
      subscription: 'Visual Studio Enterprise (last seat)',
      seats: 1,
      benefitId: 'benefit:vs-enterprise',
      expiresOn: '2027-06-30',
    });
    const ids = await pendingRequests(t, 'pool:one-seat', 100, 'e5000000');
    const started = Date.now();
    const replies = await Promise.all(
      ids.map((requestId, i) => press(t, i % 2 ? DANA : AVERY, 'seat.approve', { requestId })),
    );
    const ms = Date.now() - started;
    await t.app.services.background.drain();

    expect(replies.every((r) => r.status === 200)).toBe(true);
    const approved = replies.filter((r) => r.invoke?.type === CARD && text(r).includes('Approved by'));
    const full = replies.filter((r) => r.invoke?.type === MESSAGE && text(r).includes('must be released'));
    expect(approved).toHaveLength(1);
    expect(full).toHaveLength(99);

    // The store agrees: one seat, one approved request, the rest still pending (none stuck mid-claim).
    const usage = await seatsOf(t).usage(CONTOSO, 'pool:one-seat');
    expect(usage.assignments).toHaveLength(1);
    const requests = (await t.app.store.repos.seatRequests.list(CONTOSO)).filter((r) =>
      ids.includes(r.doc.id),
    );
    const byStatus = (s: string) => requests.filter((r) => r.doc.status === s).length;
    expect([byStatus('approved'), byStatus('pending'), byStatus('approving')]).toEqual([1, 99, 0]);
    const winner = requests.find((r) => r.doc.status === 'approved');
    expect(usage.assignments[0]).toMatchObject({ requestId: winner?.doc.id, seatNo: 1 });
    const audits = (await t.app.store.repos.audit.list(CONTOSO)).filter(
      (a) =>
        a.doc.outcome === 'success' &&
        (ids.includes(a.doc.target ?? '') || a.doc.target?.startsWith('assignment:pool:one-seat')),
    );
    const decided = audits.map((a) => a.doc.action).filter((a) => a !== 'seat.request');
    expect(decided.sort()).toEqual(['seat.approve', 'seat.assign']);
    console.log(
      `last seat: 100 attempts at once, 1 success, 99 told the pool is full, 0 duplicates, 0 stuck; ${ms} ms`,
    );
  }, 60_000);

  it('redeems a licence key once when 20 redemptions of it arrive at the same moment', async () => {
    const before = (await t.app.store.repos.benefits.get(CONTOSO, 'benefit:office365-e3'))?.doc;
    const details = before?.details as LicenceDetails;
    const plan = planRedemption(details, 'o365-k1', 'extend', FIXED_NOW);
    const data = {
      benefitId: 'benefit:office365-e3',
      keyId: 'o365-k1',
      mode: 'extend',
      expectEndDate: plan.endDateAfter,
    };
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => press(t, i % 2 ? DANA : AVERY, 'license.redeem', data)),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const redeemed = replies.filter((r) => r.invoke?.type === CARD && text(r).includes('is redeemed'));
    const already = replies.filter((r) => r.invoke?.type === MESSAGE && text(r).includes('already redeemed'));
    expect(redeemed).toHaveLength(1);
    expect(already).toHaveLength(19);

    // Redeemed once: the end date moved by one key's term, not twenty.
    const after = (await t.app.store.repos.benefits.get(CONTOSO, 'benefit:office365-e3'))?.doc
      .details as LicenceDetails;
    expect(after.endDate).toBe(plan.endDateAfter);
    expect(after.activeSeats).toBe(details.activeSeats);
    expect(after.keys.filter((k) => k.redeemedBy)).toHaveLength(1);
    const audits = (await t.app.store.repos.audit.list(CONTOSO, { where: { action: 'license.redeem' } })).map(
      (a) => a.doc.outcome,
    );
    expect(audits.filter((o) => o === 'success')).toHaveLength(1);
    expect(audits.filter((o) => o === 'rejected')).toHaveLength(19);
    console.log(
      `licence key: 20 redemptions at once, 1 success, 19 told it was already redeemed, 0 duplicates`,
    );
  }, 60_000);

  it('approves once when the same admin presses Approve ten times at once (a double-click, two devices)', async () => {
    const [requestId] = await pendingRequests(t, 'pool:vs-enterprise', 1, 'e9000000');
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => press(t, AVERY, 'seat.approve', { requestId })),
    );
    for (const reply of replies) {
      expect(reply.invoke?.type).toBe(CARD);
      expect(text(reply)).toContain('Approved by Avery Chen');
    }
    const stored = (await seatsOf(t).getRequest(CONTOSO, requestId)).doc;
    expect(stored.status).toBe('approved');
    const seats = (await seatsOf(t).usage(CONTOSO, 'pool:vs-enterprise')).assignments.filter(
      (a) => a.requestId === requestId,
    );
    expect(seats).toHaveLength(1);
    const audits = (await t.app.store.repos.audit.list(CONTOSO)).filter(
      (a) =>
        a.doc.outcome === 'success' &&
        (a.doc.target === requestId || a.doc.target?.startsWith(`${seats[0].id} `)),
    );
    const decided = audits.map((a) => a.doc.action).filter((a) => a !== 'seat.request');
    expect(decided.sort()).toEqual(['seat.approve', 'seat.assign']);
    await t.app.services.background.drain();
    console.log('double-click: 10 presses of one Approve at once, 1 seat, 1 decision, 10 shown "Approved"');
  }, 60_000);

  it('decides a request once when it is approved and declined at the same moment, and both admins see that decision', async () => {
    const rounds = 12;
    const ids = await pendingRequests(t, 'pool:vs-enterprise', rounds, 'e6000000');
    const outcomes = { approved: 0, rejected: 0 };
    for (const [i, requestId] of ids.entries()) {
      const approve = () => press(t, AVERY, 'seat.approve', { requestId });
      const reject = () => press(t, DANA, 'seat.reject', { requestId, reason: 'Budget is spent' });
      // Alternate who starts first, so both orders of arrival are tried.
      const [a, r] =
        i % 2
          ? await Promise.all([approve(), reject()])
          : (await Promise.all([reject(), approve()])).reverse();
      const stored = (await seatsOf(t).getRequest(CONTOSO, requestId)).doc;
      expect(['approved', 'rejected']).toContain(stored.status);
      const shown = stored.status === 'approved' ? 'Approved by Avery Chen' : 'Declined by Dana Zhou';
      // Both presses answer with the card of the one decision.
      for (const reply of [a, r]) {
        expect(reply.invoke?.type).toBe(CARD);
        expect(text(reply)).toContain(shown);
      }
      const held = (await seatsOf(t).usage(CONTOSO, 'pool:vs-enterprise')).assignments.filter(
        (x) => x.requestId === requestId,
      );
      expect(held).toHaveLength(stored.status === 'approved' ? 1 : 0);
      const decisions = (
        await t.app.store.repos.audit.list(CONTOSO, { where: { target: requestId, outcome: 'success' } })
      )
        .map((x) => x.doc.action)
        .filter((x) => x === 'seat.approve' || x === 'seat.reject');
      expect(decisions).toEqual([stored.status === 'approved' ? 'seat.approve' : 'seat.reject']);
      outcomes[stored.status as 'approved' | 'rejected'] += 1;
    }
    await t.app.services.background.drain();
    console.log(
      `approve vs decline: ${rounds} races, ${outcomes.approved} approved, ${outcomes.rejected} declined, ` +
        `0 double decisions, both clients shown the same outcome every time`,
    );
  }, 60_000);
});
