import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { digestCard } from '../../src/features/seats/approvals';
import { currentTurnReads } from '../../src/store/turnCache';
import { message } from '../support/activities';
import { AVERY, CONTOSO, DANA, ELI, type Person } from '../support/people';
import { seedWithOnePool } from '../support/seedFixtures';
import { cardText, startTestApp, type TestApp } from '../support/testApp';

/**
 * The store requests (HTTPS) the turn itself sends while `work` runs: a request counts when it
 * starts inside a turn's scope (src/store/turnCache.ts); work the turn hands to the background
 * (`outsideTurn`) is listed apart.
 */
async function requestsOf(work: () => Promise<unknown>): Promise<{ turn: string[]; background: string[] }> {
  const turn: string[] = [];
  const background: string[] = [];
  const listener = (msg: unknown) => {
    const { request } = msg as { request: ClientRequest };
    if (request.protocol !== 'https:') return;
    const query = String(request.getHeader('x-ms-documentdb-isquery') ?? '').toLowerCase() === 'true';
    const batch = String(request.getHeader('x-ms-cosmos-is-batch-request') ?? '').toLowerCase() === 'true';
    const path = decodeURIComponent(request.path.split('?')[0]).replace(/^\/dbs\/[^/]+\/colls\//, '');
    const line = `${query ? 'QUERY' : batch ? 'BATCH' : request.method} ${path}`;
    (currentTurnReads() ? turn : background).push(line);
  };
  subscribe('http.client.request.start', listener);
  try {
    await work();
  } finally {
    unsubscribe('http.client.request.start', listener);
  }
  return { turn, background };
}

describe('store requests of one turn (the person, the dialog state, one tenant snapshot, the writes)', () => {
  let t: TestApp;
  const say = async (person: Person, text: string) => {
    const mine = () =>
      t.connector.calls.filter((c) =>
        decodeURIComponent(c.path).includes(`a:personal-${person.aadObjectId}/`),
      );
    const before = mine().length;
    const res = await t.post(message(person, text, { serviceUrl: t.connector.url }));
    expect(res.status).toBe(200);
    return t.connector.waitFor(() => (mine().length > before ? mine().at(-1)?.body : undefined));
  };

  beforeAll(async () => {
    t = await startTestApp({ SEED_FILE: seedWithOnePool() });
    await say(AVERY, 'help');
    // Eli's first turn also records Eli's chat; the turns below are later ones.
    await say(ELI, 'help');
  });
  afterAll(() => t.stop());

  it('lists the benefits with 2 store requests: the person in the tenant snapshot, the dialog state', async () => {
    let answer: Record<string, unknown> | undefined;
    const sent = await requestsOf(async () => {
      answer = await say(ELI, 'benefits');
    });
    expect(answer).toBeDefined();
    expect(sent.turn.map((r) => r.split(' ')[0])).toEqual(['QUERY', 'GET']);
    expect(sent.turn[1]).toMatch(/^GET state\//);
  });

  it('welcomes someone whose first words are "benefits": not in the snapshot means new, and they are recorded', async () => {
    const noor: Person = {
      name: 'Noor Said',
      aadObjectId: 'e0000000-0000-4000-8000-0000000000aa',
      tenantId: CONTOSO,
    };
    expect(await t.app.services.directory.member(CONTOSO, noor.aadObjectId)).toBeUndefined();
    const answer = await say(noor, 'benefits');
    const text = cardText(answer?.attachments).join('\n');
    expect(text).toContain('Contoso Partner Ltd.');
    expect(text).toContain('Your view: what is assigned to you');
    expect((await t.app.services.directory.member(CONTOSO, noor.aadObjectId))?.doc.name).toBe('Noor Said');
  });

  it('records the request and answers with 4 store requests; the approval card is recorded with one write', async () => {
    expect(String((await say(ELI, 'request visual studio')).text)).toContain('what do you need it for');
    let answer: Record<string, unknown> | undefined;
    const toAvery = () =>
      t.connector.calls.filter((c) => decodeURIComponent(c.path).includes(`a:personal-${AVERY.aadObjectId}`));
    const cardsBefore = toAvery().length;
    const sent = await requestsOf(async () => {
      answer = await say(ELI, 'Building the Azure migration samples for a customer');
      // The approval card goes out after the turn; wait until its id is on the request.
      await t.connector.waitFor(() => (toAvery().length > cardsBefore ? true : undefined));
      await t.app.services.background.drain();
    });
    expect(String(answer?.text)).toContain('sent to your approvers');
    // The dialog state, one query for the person and the tenant snapshot the dialog planned when
    // it asked (with the person's requests and the approvers, whose member documents say who has
    // a personal chat), the request and its audit record in one write, the dialog state written.
    expect(sent.turn.map((r) => r.replace(/[^ /]+$/, (id) => id.split(':')[0]))).toEqual([
      'GET state/docs/msteams*2fconversations*2fa',
      'QUERY entities/docs',
      'BATCH entities/docs',
      'POST state/docs',
    ]);
    // After the turn: Avery's chat is read to post the card, and the card's id is written on the
    // request with the ETag the batch returned (no read of the request first).
    const request = sent.background.filter((r) => r.includes('seatRequest:'));
    expect(request).toHaveLength(1);
    expect(request[0]).toMatch(/^PUT entities\/docs\/seatRequest:/);
    expect(sent.background.filter((r) => r.startsWith('GET entities/docs/conv:'))).toHaveLength(1);
  });

  it('reads the person afresh with the planned snapshot: a language chosen since the question is used', async () => {
    await say(DANA, 'help');
    expect(String((await say(DANA, 'request visual studio')).text)).toContain('what do you need it for');
    // Chosen elsewhere (another chat) while the question waits.
    await t.app.services.directory.choosePreferredLocale(CONTOSO, DANA.aadObjectId, 'zh-CN');
    let answer: Record<string, unknown> | undefined;
    const sent = await requestsOf(async () => {
      answer = await say(DANA, 'Porting the reporting tools to .NET 9');
    });
    expect(String(answer?.text)).toContain('已发送给审批人');
    expect(sent.turn.filter((r) => r.startsWith('GET entities/'))).toEqual([]);
    expect(sent.turn.filter((r) => r.startsWith('QUERY '))).toHaveLength(1);
    // The dialog ended: its plan went with it, and the next turn reads only what it needs.
    const next = await requestsOf(() => say(DANA, 'help'));
    expect(next.turn.map((r) => r.split(' ')[0])).toEqual(['GET', 'GET']);
  });

  it('builds the "N requests waiting" card after the turn from one query (the pools and the waiting requests)', async () => {
    let waiting = 0;
    let text = '';
    const sent = await requestsOf(() =>
      t.app.services.background.fresh(async () => {
        const digest = await digestCard(t.app.services, CONTOSO, 'en-US', true);
        waiting = digest.waiting;
        text = cardText(digest.card).join('\n');
      }),
    );
    expect(waiting).toBe(2);
    expect(text).toContain('Eli Park');
    expect(text).toContain('Dana Zhou');
    expect(sent.turn).toEqual(['QUERY entities/docs']);
  });
});
