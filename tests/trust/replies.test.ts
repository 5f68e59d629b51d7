import pino from 'pino';
import { t as say } from '../../src/i18n';
import { ConnectorClient, ConnectorError } from '../../src/notify/connector';
import { PROACTIVE_RETRY, seededRandom, TURN_RETRY, type RetryRules } from '../../src/notify/retryPolicy';
import { memberId } from '../../src/domain/model';
import type { ConnectorCall, FaultPlan } from '../support/fakeConnector';
import { BO, CONTOSO, ELI, type Person } from '../support/people';
import { cardOf, cardText, startTestApp, type TestApp } from '../support/testApp';
import { act, CARD } from './trustKit';

/**
 * Replies within a turn and proactive sends follow one retry policy (src/notify/retryPolicy.ts):
 * a fake Bot Connector fails in each way Teams can, and we count what a person would see arrive.
 * Jitter comes from a seeded random (RETRY_JITTER_SEED overrides the fixed seed).
 */
const SEED = Number(process.env.RETRY_JITTER_SEED ?? 16);
const seedNote = `(jitter seed ${SEED}; set RETRY_JITTER_SEED to replay another)`;

type Fault = NonNullable<ReturnType<FaultPlan>>;
interface Kind {
  name: string;
  fault: Fault;
  /** Copies of the reply the connector posted (what the person sees). */
  delivered: number;
  /** Requests carrying the reply that reached the connector. */
  attempts: number;
  /** The generic "something went wrong" message sent after the reply failed. */
  apologies: number;
}

const KINDS: Kind[] = [
  // Teams may post and still answer 500: never resent, so never twice.
  {
    name: '500, posted anyway',
    fault: { status: 500, posted: true },
    delivered: 1,
    attempts: 1,
    apologies: 1,
  },
  { name: '500, not posted', fault: { status: 500 }, delivered: 0, attempts: 1, apologies: 1 },
  {
    name: '429 with Retry-After',
    fault: { status: 429, headers: { 'retry-after': '1' } },
    delivered: 1,
    attempts: 2,
    apologies: 0,
  },
  { name: '429 without Retry-After', fault: { status: 429 }, delivered: 1, attempts: 2, apologies: 0 },
  { name: '412', fault: { status: 412 }, delivered: 1, attempts: 2, apologies: 0 },
  { name: '502', fault: { status: 502 }, delivered: 1, attempts: 2, apologies: 0 },
  { name: '504', fault: { status: 504 }, delivered: 1, attempts: 2, apologies: 0 },
];

const isPost = (c: ConnectorCall) => c.method === 'POST' && c.path.includes('/activities');
const counts: string[] = [];

describe('replies within a turn, through a connector that fails', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOCAL_SNAPSHOT_SECONDS: '0' }, { retryDeps: { random: seededRandom(SEED) } });
    await act(t, ELI, { kind: 'say', text: 'help' });
  });
  afterAll(async () => {
    t.connector.fault = undefined;
    console.log(`turn replies per fault kind ${seedNote}:\n${counts.join('\n')}`);
    await t.stop();
  });
  afterEach(() => {
    t.connector.fault = undefined;
  });

  it.each(KINDS)(
    'a reply answered $name arrives once at most, and only a 500 goes unretried',
    async (kind) => {
      t.connector.clear();
      let attempts = 0;
      let faulted = false;
      t.connector.fault = (call) => {
        if (!isPost(call) || !cardOf(call.body)) return undefined;
        attempts += 1;
        // Only the reply's first request fails; what follows goes through.
        if (faulted) return undefined;
        faulted = true;
        return kind.fault;
      };
      const ref = `replies-${kind.name.replace(/\W+/g, '-')}`;
      const started = Date.now();
      const reply = await act(t, ELI, { kind: 'say', text: 'my roles' }, 'en-US', { id: ref });
      const ms = Date.now() - started;
      const delivered = reply.sent.filter((a) => cardOf(a)).length;
      const apologies = reply.sent.filter((a) => a.text === say('en-US', 'error.generic', { ref })).length;
      counts.push(
        `  ${kind.name}: ${attempts} request(s), ${delivered} delivered, ${apologies} apology, ${ms} ms`,
      );
      expect(reply.status).toBe(200);
      expect({ delivered, attempts, apologies }).toEqual({
        delivered: kind.delivered,
        attempts: kind.attempts,
        apologies: kind.apologies,
      });
      if (kind.delivered === 1 && kind.attempts === 2) {
        // The roles card is what arrived, once.
        expect(cardText(cardOf(reply.sent.find((a) => cardOf(a))))).toContain('Your roles');
      }
      // Retry-After is waited for (plus jitter), and the whole turn stays inside its budget.
      if (kind.fault.headers?.['retry-after']) expect(ms).toBeGreaterThanOrEqual(1000);
      expect(ms).toBeLessThan(TURN_RETRY.budgetMs + 2000);
    },
  );

  it.each([
    { name: '502 on every request', fault: { status: 502 } },
    { name: '429 without Retry-After on every request', fault: { status: 429 } },
    {
      name: '429 asking for 30 s on every request',
      fault: { status: 429, headers: { 'retry-after': '30' } },
    },
  ])('a connector failing $name: the turn gives up within its budget', async ({ name, fault }) => {
    t.connector.clear();
    let requests = 0;
    t.connector.fault = (call) => {
      if (!isPost(call)) return undefined;
      requests += 1;
      return fault;
    };
    const started = Date.now();
    const reply = await act(t, ELI, { kind: 'say', text: 'my roles' });
    const ms = Date.now() - started;
    counts.push(`  persistent ${name}: ${requests} request(s), 0 delivered, answered in ${ms} ms`);
    expect(reply.status).toBe(200);
    expect(t.connector.calls.filter(isPost)).toHaveLength(0);
    // The reply and then the apology share one budget: never more than 4 + 4 requests.
    expect(requests).toBeGreaterThanOrEqual(fault.headers ? 1 : 2);
    expect(requests).toBeLessThanOrEqual(2 * TURN_RETRY.maxAttempts);
    // Not 30 s: a Retry-After longer than the budget ends the retries at once (the margin is the
    // turn's own work on a loaded machine).
    expect(ms).toBeLessThan(fault.headers ? 5000 : TURN_RETRY.budgetMs + 3000);
    // Logged, so an operator can see replies are being lost.
    expect(t.logs.text()).toContain('reply not delivered: retries of this turn ran out');
  });

  /*
   * An invoke is answered in its HTTP response, but its turn may call the connector first: with
   * an invitation open, a newcomer's first press looks them up in the Teams roster (a GET).
   */
  const newcomer = (n: number): Person => ({
    name: `Newcomer ${n}`,
    aadObjectId: `e9000000-0000-4000-8000-00000000001${n}`,
    tenantId: CONTOSO,
  });
  const invite = async (p: Person, email: string) => {
    const invited = await act(t, BO, {
      kind: 'invoke',
      verb: 'directory.invite',
      data: { name: p.name, email, guest: 'true' },
    });
    expect(invited.text).toContain(`${p.name} (${email}) is added.`);
    t.connector.rosters.set(`a:personal-${p.aadObjectId}`, [
      {
        id: `29:test-${p.aadObjectId}`,
        name: p.name,
        aadObjectId: p.aadObjectId,
        email,
        userPrincipalName: email,
      },
    ]);
  };
  const isRosterLookup = (c: ConnectorCall) => c.method === 'GET' && c.path.includes('/members/');
  const guestStatus = async (p: Person) =>
    (await t.app.store.repos.members.get(CONTOSO, memberId(p.aadObjectId)))?.doc.guest;

  it('recognises an invited newcomer on their first press although the roster lookup was refused once', async () => {
    const kai = newcomer(1);
    await invite(kai, 'newcomer1@partner.example');
    let lookups = 0;
    t.connector.fault = (call) => {
      if (!isRosterLookup(call)) return undefined;
      lookups += 1;
      return lookups === 1 ? { status: 429 } : undefined;
    };
    const started = Date.now();
    const pressed = await act(t, kai, { kind: 'invoke', verb: 'roles.view', data: {} });
    const ms = Date.now() - started;
    counts.push(`  invoke, roster lookup 429 once: ${lookups} lookups, card in ${ms} ms`);
    expect(pressed.invoke?.type).toBe(CARD);
    expect(lookups).toBe(2);
    // The invitation was answered: the person is the guest they were invited as.
    expect(await guestStatus(kai)).toBe(true);
    expect(ms).toBeLessThan(5000);
  });

  it('answers a press with its card in time while the connector refuses every request', async () => {
    const lee = newcomer(2);
    await invite(lee, 'newcomer2@partner.example');
    let requests = 0;
    t.connector.fault = () => {
      requests += 1;
      return { status: 429 };
    };
    const started = Date.now();
    const pressed = await act(t, lee, { kind: 'invoke', verb: 'roles.view', data: {} });
    const ms = Date.now() - started;
    counts.push(`  invoke, connector refusing everything: ${requests} requests refused, card in ${ms} ms`);
    expect(pressed.status).toBe(200);
    expect(pressed.invoke?.type).toBe(CARD);
    expect(requests).toBeGreaterThanOrEqual(2);
    expect(requests).toBeLessThanOrEqual(TURN_RETRY.maxAttempts);
    expect(ms).toBeLessThan(5000);
    // Not linked (the lookup never answered): the invitation stays open for their next turn.
    expect(await t.app.store.repos.invitations.list(CONTOSO)).toHaveLength(1);
  });
});

/* ------------------------------------------------------------------ proactive sends, same policy */

describe('proactive sends follow the same policy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'false' });
  });
  afterAll(() => t.stop());

  const client = (rules: RetryRules = PROACTIVE_RETRY) =>
    new ConnectorClient({
      auth: { authorization: () => Promise.resolve(undefined) },
      logger: pino({ level: 'silent' }),
      retry: rules,
      retryDeps: { random: seededRandom(SEED) },
    });
  const to = () => ({ tenantId: CONTOSO, serviceUrl: t.connector.url, conversationId: 'a:proactive-drill' });

  it.each(KINDS)('a notice answered $name arrives once at most, as a turn reply would', async (kind) => {
    t.connector.clear();
    let attempts = 0;
    t.connector.fault = (call, attempt) => {
      if (!isPost(call)) return undefined;
      attempts += 1;
      return attempt === 1 ? kind.fault : undefined;
    };
    const sent = client().sendToConversation(to(), { text: `notice ${kind.name}` });
    if (kind.fault.status === 500) await expect(sent).rejects.toMatchObject({ status: 500 });
    else await expect(sent).resolves.toHaveProperty('id');
    t.connector.fault = undefined;
    expect({ delivered: t.connector.calls.filter(isPost).length, attempts }).toEqual({
      delivered: kind.delivered,
      attempts: kind.attempts,
    });
  });

  it('gives up within the budget it was given, with the error Teams last answered', async () => {
    t.connector.clear();
    t.connector.fault = () => ({ status: 502 });
    const started = Date.now();
    const err = await client(TURN_RETRY)
      .sendToConversation(to(), { text: 'never arrives' })
      .catch((e: unknown) => e);
    const ms = Date.now() - started;
    t.connector.fault = undefined;
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as ConnectorError).status).toBe(502);
    expect(t.connector.arrivals.length).toBeLessThanOrEqual(TURN_RETRY.maxAttempts);
    expect(ms).toBeLessThan(TURN_RETRY.budgetMs + 500);
  });
});
