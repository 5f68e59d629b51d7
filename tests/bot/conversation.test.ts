import { CATALOGUES } from '../../src/i18n';
import { SeatService } from '../../src/domain/seats';
import { conversation, type Sent } from '../support/conversation';
import { AVERY, CONTOSO, DANA, ELI, type Person } from '../support/people';
import { seedWithOnePool } from '../support/seedFixtures';
import {
  cardActions,
  cardButtons,
  cardOf,
  cardText,
  fixedClock,
  FIXED_NOW,
  startMemoryApp,
  type MemoryTestApp,
} from '../support/testApp';

const EN = CATALOGUES['en-US'];
const ZH = CATALOGUES['zh-CN'];

/** The value of the card's person filter (an Input.ChoiceSet with id `person`). */
function pickerValue(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(pickerValue).find((v) => v !== undefined);
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.id === 'person' && o.type === 'Input.ChoiceSet') return o.value;
    return Object.values(o)
      .map(pickerValue)
      .find((v) => v !== undefined);
  }
  return undefined;
}

/** Issue 15: questions are answered, never acted on; no conversation gets stuck; one language per person. */
describe('a conversation that never surprises', () => {
  let t: MemoryTestApp;
  const clock = fixedClock();
  const { say, submit, press } = conversation(() => t);
  /** What the bot sent into this person's own chat (notices to others may interleave). */
  const mine = (person: Person): Sent[] =>
    t.connector.calls
      .filter(
        (c) =>
          c.method === 'POST' &&
          c.path.includes('/activities') &&
          decodeURIComponent(c.path).includes(`a:personal-${person.aadObjectId}/`),
      )
      .map((c) => c.body);
  const words = (replies: Sent[]) =>
    replies.flatMap((r) => [typeof r.text === 'string' ? r.text : '', ...cardText(cardOf(r))]).join('\n');
  const requests = async (person: Person) =>
    (await t.app.store.repos.seatRequests.list(CONTOSO)).filter(
      (r) => r.doc.requester === person.aadObjectId,
    );
  const newcomer = (n: number): Person => ({
    name: `Newcomer ${n}`,
    aadObjectId: `e0000000-0000-4000-8000-0000000015${String(n).padStart(2, '0')}`,
    tenantId: CONTOSO,
  });

  beforeAll(async () => {
    t = await startMemoryApp({ SEED_FILE: seedWithOnePool() }, { clock });
    await say(AVERY, 'help');
  });
  afterAll(() => t.stop());

  it('answers "how many VS seats do we have left?" with the free count, and the next question is answered too', async () => {
    const seats = await say(AVERY, 'how many VS seats do we have left?');
    expect(words(seats)).toContain(EN['seats.pools.title']);
    expect(words(seats)).toMatch(/\d+ free/);
    const membership = await say(AVERY, 'when does our membership expire?');
    expect(words(membership)).toContain(EN['membership.fact.partnerId']);
    const free = await say(AVERY, 'how many seats are free');
    expect(words(free)).toContain(EN['seats.pools.title']);
    expect(await requests(AVERY)).toHaveLength(0);
  });

  it('answers the same questions in Chinese without starting anything', async () => {
    const eli = newcomer(1);
    expect(words(await say(eli, '还剩几个席位'))).toContain(ZH['seats.pools.title']);
    expect(words(await say(eli, '会员资格什么时候到期'))).toContain(ZH['membership.fact.partnerId']);
    expect(await requests(eli)).toHaveLength(0);
  });

  it('reads "what\'s our partner ID?" as the membership card, where the id is', async () => {
    expect(words(await say(ELI, "what's our partner ID?"))).toContain(EN['membership.fact.partnerId']);
  });

  it('names who in this tenant holds the roles a "who can" question is about', async () => {
    const answer = words(await say(ELI, 'who can reveal product keys?'));
    expect(answer).toContain('Avery Chen');
    expect(answer).toMatch(/In your organisation that is/);
  });

  it('shows the audit log filtered by the person named', async () => {
    const answer = await say(AVERY, 'show me the audit log for Dana');
    const card = cardOf(answer[0]);
    // The person picker of the filter is set to Dana (unfiltered, it says "anyone").
    expect(pickerValue(card)).toBe(DANA.aadObjectId);
    expect(pickerValue(cardOf((await say(AVERY, 'audit log'))[0]))).not.toBe(DANA.aadObjectId);
  });

  it('a question in the middle of a request is answered, the question asked again, and nothing filed', async () => {
    const p = newcomer(2);
    expect(words(await say(p, 'request visual studio'))).toContain(EN['seats.ask.justification']);
    const answered = await say(p, 'when does our membership expire?');
    expect(words(answered)).toContain(EN['membership.fact.partnerId']);
    // The pending question is visible again, last.
    expect(String(answered.at(-1)?.text)).toContain(EN['seats.ask.justification']);
    expect(await requests(p)).toHaveLength(0);
    expect(words(await say(p, 'Building demos for a customer'))).toContain('sent to your approvers');
    expect(await requests(p)).toHaveLength(1);
  });

  it('another command in the middle of a request ends the request and runs the command', async () => {
    const p = newcomer(3);
    await say(p, 'request visual studio');
    const replies = await say(p, 'benefits');
    expect(words(replies)).toContain(EN['dialog.setAside']);
    expect(replies.some((r) => cardOf(r) !== undefined)).toBe(true);
    // The next message is not taken as the reason.
    await say(p, 'For the migration project');
    expect(await requests(p)).toHaveLength(0);
  });

  it('with a request already waiting, "request visual studio" says so at once; help and benefits then work', async () => {
    const p = newcomer(4);
    await say(p, 'request visual studio');
    await say(p, 'Samples for a customer');
    expect(await requests(p)).toHaveLength(1);
    for (const [text, locale] of [
      ['request visual studio', 'en-US'],
      ['申请 visual studio', 'zh-CN'],
    ] as const) {
      const at = await say(p, text, locale);
      expect(at).toHaveLength(1);
      expect(String(at[0]?.text)).toContain(
        CATALOGUES[locale]['seats.duplicateRequest'].split('{pool}')[0] ?? '',
      );
    }
    const help = await say(p, 'help');
    expect(words(help)).not.toContain(EN['dialog.helpHint']);
    expect(cardButtons(cardOf(help[0])).length).toBeGreaterThan(0);
    expect(cardOf((await say(p, 'benefits'))[0])).toBeDefined();
  });

  it('a request that fails at the end ends the conversation and says why; the next message is read afresh', async () => {
    const p = newcomer(5);
    await say(p, 'request visual studio');
    // Meanwhile the same person files one elsewhere (another device).
    await new SeatService(t.app.store.repos, t.app.services.audit, t.app.services.clock).request(
      { tenantId: CONTOSO, aadObjectId: p.aadObjectId, roles: [] },
      p.name,
      'pool:vs-enterprise',
      'from my phone',
    );
    const failed = await say(p, 'Testing the new SDK');
    expect(words(failed)).toContain('already');
    const help = await say(p, 'help');
    expect(words(help)).not.toContain(EN['dialog.helpHint']);
  });

  it('clears a conversation left unanswered for a day, with a word, and answers the new message', async () => {
    const p = newcomer(6);
    await say(p, 'request visual studio');
    clock.set(new Date(FIXED_NOW.getTime() + 25 * 60 * 60 * 1000));
    try {
      const replies = await say(p, 'benefits');
      expect(words(replies)).toContain(EN['dialog.stale']);
      expect(replies.some((r) => cardOf(r) !== undefined)).toBe(true);
    } finally {
      clock.set(FIXED_NOW);
    }
  });

  it('free text that would change something asks first; "No" changes nothing', async () => {
    const p = newcomer(7);
    const asked = await say(p, 'i need a visual studio enterprise seat');
    const card = cardOf(asked[0]);
    expect(cardText(card).join('\n')).toContain('Do you want to request a Visual Studio Enterprise seat?');
    const actions = cardActions(card);
    const no = actions.find((a) => a.title === EN['understand.confirm.no']);
    expect(words(await submit(p, no?.data ?? {}))).toContain(EN['understand.confirm.declined']);
    expect(await requests(p)).toHaveLength(0);
  });

  it('keeps Avery in Chinese after writing 权益, through a press of 查看软件', async () => {
    const overview = await say(AVERY, '权益', 'en-US');
    expect(words(overview)).toMatch(/[\u4e00-\u9fff]/);
    const body = await press(AVERY, 'benefits.category', { category: 'software' }, 'en-US');
    const text = cardText(body.value).join('\n');
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(text).not.toMatch(/\bSoftware\b/);
    // Writing English again brings English back.
    await say(AVERY, 'help', 'en-US');
    const back = await press(AVERY, 'benefits.summary', {}, 'en-US');
    expect(cardText(back.value).join('\n')).not.toMatch(/[\u4e00-\u9fff]{4}/);
  });

  it('tells Eli, who chose 说中文, the approval decision in Chinese', async () => {
    const p = newcomer(8);
    await say(p, 'request visual studio', 'en-US');
    await say(p, 'Samples', 'en-US');
    await say(p, '说中文', 'en-US');
    const [request] = await requests(p);
    await t.app.services.background.drain();
    const before = mine(p).length;
    await press(AVERY, 'seat.approve', { requestId: request?.doc.id }, { status: 200 });
    const told = await t.connector.waitFor(() => (mine(p).length > before ? mine(p).at(-1) : undefined));
    expect(String(told.text)).toContain(ZH['seats.told.approved'].slice(0, 4));
  });
});
