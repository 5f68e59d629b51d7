import { SeatService } from '../../../src/domain/seats';
import { message } from '../../support/activities';
import { conversation } from '../../support/conversation';
import { AVERY, CONTOSO, type Person } from '../../support/people';
import { seedWithOnePool } from '../../support/seedFixtures';
import { cardButtons, cardOf, cardText, startMemoryApp, type MemoryTestApp } from '../../support/testApp';

/** Employees who join on first contact. */
const employee = (i: number): Person => ({
  name: `Digest Employee ${i}`,
  aadObjectId: `d1000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
  tenantId: CONTOSO,
});

describe('many seat requests at once: one "N requests waiting" card for the approver', () => {
  let t: MemoryTestApp;
  const opts = () => ({ serviceUrl: t.connector.url });
  const toAvery = () =>
    t.connector.calls.filter((c) => decodeURIComponent(c.path).includes(`a:personal-${AVERY.aadObjectId}`));
  const { press } = conversation(() => t);
  const seats = () => new SeatService(t.app.store.repos, t.app.services.audit, t.app.services.clock);
  const people = Array.from({ length: 12 }, (_, i) => employee(i + 1));

  beforeAll(async () => {
    t = await startMemoryApp({ SEED_FILE: seedWithOnePool() });
    // Avery (Global admin) has a chat with the bot, so approval cards reach her.
    expect((await t.post(message(AVERY, 'help', opts()))).status).toBe(200);
    for (const p of people) await t.post(message(p, 'request visual studio', opts()));
    t.connector.clear();
  });
  afterAll(() => t.stop());

  it('answers all twelve at once and posts two cards, not twelve: the first request, then one list kept current', async () => {
    const answers = await Promise.all(
      people.map((p) => t.post(message(p, 'To build the customer demo.', opts()))),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const confirmations = t.connector
      .sentActivities()
      .filter((a) => (typeof a.text === 'string' ? a.text : '').includes('sent to your approvers'));
    expect(confirmations).toHaveLength(12);
    await t.app.services.background.drain();
    const posts = toAvery().filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(2);
    const latest = toAvery().at(-1);
    const card = cardOf(latest?.body);
    expect(cardText(card)[0]).toBe('12 seat requests are waiting for a decision');
    expect(cardText(card).join('\n')).toContain('Digest Employee 12');
    expect(cardButtons(card).filter((b) => b === 'Approve')).toHaveLength(12);
    expect(cardButtons(card).filter((b) => b === 'Decline')).toHaveLength(12);
  });

  it('approves one row: the card comes back with eleven, the posted list follows, the requester is told', async () => {
    const first = (await seats().pendingRequests(CONTOSO))[0];
    const before = toAvery().length;
    const body = await press(AVERY, 'seat.digestApprove', { requestId: first.id });
    expect(body.statusCode).toBe(200);
    expect(cardText(body.value)[0]).toBe('11 seat requests are waiting for a decision');
    expect(cardText(body.value).join('\n')).not.toContain(first.requesterName + ' ·');
    expect((await seats().getRequest(CONTOSO, first.id)).doc.status).toBe('approved');
    await t.app.services.background.drain();
    const told = t.connector
      .sentActivities()
      .some(
        (a) =>
          (typeof a.text === 'string' ? a.text : '').includes('approved') &&
          (typeof a.text === 'string' ? a.text : '').includes('Avery'),
      );
    expect(told).toBe(true);
    // The first request had its own card (updated to "approved"); the posted list is updated too.
    const updated = toAvery()
      .slice(before)
      .filter((c) => c.method === 'PUT')
      .map((c) => cardText(cardOf(c.body))[0]);
    expect(updated).toEqual(
      expect.arrayContaining(['Visual Studio seat request', '11 seat requests are waiting for a decision']),
    );
  });

  it('declines a row only with that row’s reason, and the list shrinks again', async () => {
    const pending = await seats().pendingRequests(CONTOSO);
    const withoutReason = await press(AVERY, 'seat.digestReject', { requestId: pending[0].id, row: 0 });
    expect(JSON.stringify(withoutReason.value)).toContain('give a reason');
    expect((await seats().getRequest(CONTOSO, pending[0].id)).doc.status).toBe('pending');
    const declined = await press(AVERY, 'seat.digestReject', {
      requestId: pending[2].id,
      row: 2,
      reason2: 'No seats this quarter.',
    });
    expect(cardText(declined.value)[0]).toBe('10 seat requests are waiting for a decision');
    expect((await seats().getRequest(CONTOSO, pending[2].id)).doc.status).toBe('rejected');
  });

  it('refuses a row decision from someone who may not approve', async () => {
    const pending = await seats().pendingRequests(CONTOSO);
    const body = await press(people[0], 'seat.digestApprove', { requestId: pending[0].id });
    expect(JSON.stringify(body.value)).not.toContain('seat requests are waiting');
    expect(JSON.stringify(body.value)).toContain('Global admin');
    expect((await seats().getRequest(CONTOSO, pending[0].id)).doc.status).toBe('pending');
  });
});
