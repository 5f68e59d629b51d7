import { SeatService } from '../../src/domain/seats';
import { cardAction, message } from '../support/activities';
import { AVERY, CONTOSO, DANA, ELI, FANG, type Person } from '../support/people';
import { cardButtons, cardOf, cardText, startTestApp, type TestApp } from '../support/testApp';

type InvokeBody = { statusCode: number; type: string; value: unknown };

describe('Visual Studio seats: request, approve in chat, never over-assign', () => {
  let t: TestApp;
  const opts = () => ({ serviceUrl: t.connector.url });
  /** The bot's answer in this person's own chat (approval cards to others may interleave). */
  const say = async (person: Person, text: string, locale = 'en-US') => {
    const mine = () =>
      t.connector.calls.filter((c) =>
        decodeURIComponent(c.path).includes(`a:personal-${person.aadObjectId}/`),
      );
    const before = mine().length;
    const res = await t.post(message(person, text, { ...opts(), locale }));
    expect(res.status).toBe(200);
    return t.connector.waitFor(() => (mine().length > before ? mine().at(-1)?.body : undefined));
  };
  const press = async (person: Person, verb: string, data: unknown, replyToId?: string) => {
    const activity = cardAction(person, verb, data, opts());
    if (replyToId) activity.replyToId = replyToId;
    const res = await t.post(activity);
    const body = res.body as InvokeBody;
    // Error invokes carry their status in the HTTP status too.
    expect(res.status).toBe(body.statusCode);
    return body;
  };
  const seats = () => new SeatService(t.app.store.repos, t.app.services.audit, t.app.services.clock);

  beforeAll(async () => {
    t = await startTestApp();
    // Avery has talked to the bot in a personal chat, so the bot can reach Avery there.
    await say(AVERY, 'help');
  });
  afterAll(() => t.stop());

  let requestId = '';
  let postedToAvery: { path: string; id: string } | undefined;

  it('lets Eli ask for Visual Studio Enterprise in a short conversation, and posts the card to Avery', async () => {
    expect(String((await say(ELI, 'request visual studio')).text)).toContain('what do you need it for');
    const callsBefore = t.connector.calls.length;
    const done = await say(ELI, 'Building the Azure migration samples for a customer');
    expect(String(done.text)).toContain('sent to your approvers');
    // The card is posted after Eli's turn has answered (posting may wait for Teams' rate limits).
    const toAvery = await t.connector.waitFor(() =>
      t.connector.calls
        .slice(callsBefore)
        .find((c) => decodeURIComponent(c.path).includes(`a:personal-${AVERY.aadObjectId}`)),
    );
    expect(toAvery).toBeDefined();
    const card = cardOf(toAvery?.body);
    expect(cardText(card).join('\n')).toContain('Eli Park');
    expect(cardText(card).join('\n')).toContain('Waiting for approval');
    expect(cardButtons(card)).toEqual(expect.arrayContaining(['Approve', 'Decline']));
    const pending = await seats().pendingRequests(CONTOSO);
    requestId = pending.find((r) => r.requester === ELI.aadObjectId)?.id ?? '';
    expect(requestId).toMatch(/^seatRequest:vs-enterprise:/);
    await t.app.services.background.drain();
    const req = await seats().getRequest(CONTOSO, requestId);
    postedToAvery = { path: toAvery?.path ?? '', id: req.doc.cards[0]?.activityId ?? '' };
    expect(postedToAvery.id).toBeTruthy();
  });

  it('shows approvers the buttons and everyone else only the status on refresh', async () => {
    const forAvery = await press(AVERY, 'seat.requestCard', { requestId });
    const forEli = await press(ELI, 'seat.requestCard', { requestId });
    expect(cardButtons(forAvery.value)).toEqual(expect.arrayContaining(['Approve', 'Decline']));
    expect(cardButtons(forEli.value)).toEqual([]);
    expect(cardText(forEli.value).join('\n')).toContain('Waiting for approval');
    expect((forAvery.value as { refresh: { userIds: string[] } }).refresh.userIds).toContain(
      `29:test-${AVERY.aadObjectId}`,
    );
  });

  it('refuses an employee forging seat.approve, and the request stays pending', async () => {
    const body = await press(FANG, 'seat.approve', { requestId });
    expect(body.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(body.value)).toContain('Global admin');
    expect((await seats().getRequest(CONTOSO, requestId)).doc.status).toBe('pending');
    const denial = await t.app.store.repos.audit.list(CONTOSO, {
      where: { action: 'seat.approve', outcome: 'denied' },
    });
    expect(denial.map((a) => a.doc.actor)).toContain(FANG.aadObjectId);
  });

  it('approves in place for Avery, tells Eli, and the pool shows one more seat used', async () => {
    const before = (await seats().usage(CONTOSO, 'pool:vs-enterprise')).used;
    const callsBefore = t.connector.calls.length;
    const body = await press(AVERY, 'seat.approve', { requestId }, postedToAvery?.id);
    const text = cardText(body.value).join('\n');
    expect(text).toContain('Approved by Avery Chen');
    expect(cardButtons(body.value)).toEqual([]);
    const told = await t.connector.waitFor(() =>
      t.connector.calls
        .slice(callsBefore)
        .find((c) => decodeURIComponent(c.path).includes(`a:personal-${ELI.aadObjectId}`)),
    );
    expect(String(told.body.text)).toContain('approved by Avery Chen');
    expect((await seats().usage(CONTOSO, 'pool:vs-enterprise')).used).toBe(before + 1);
  });

  it('shows a second approver "already approved by Avery", not an error', async () => {
    await t.app.store.repos.members.replace(
      {
        ...(await t.app.store.repos.members.get(CONTOSO, `member:${DANA.aadObjectId}`))!.doc,
        roles: ['GlobalAdmin'],
      },
      (await t.app.store.repos.members.get(CONTOSO, `member:${DANA.aadObjectId}`))!.etag,
    );
    const body = await press(DANA, 'seat.approve', { requestId });
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(body.value).join('\n')).toMatch(/Approved by Avery Chen at .*\d{1,2}:\d{2}/);
  });

  it('tells Eli the status under "my requests"', async () => {
    const text = cardText(cardOf(await say(ELI, 'my requests'))).join('\n');
    expect(text).toContain('Approved by Avery Chen');
  });

  it('asks for a reason to decline and records it', async () => {
    const kim: Person = {
      name: 'Kim Reyes',
      aadObjectId: 'e4000000-0000-4000-8000-000000000001',
      tenantId: CONTOSO,
    };
    await say(kim, 'help');
    const r = await seats().request(
      { tenantId: CONTOSO, aadObjectId: kim.aadObjectId, roles: [] },
      kim.name,
      'pool:vs-enterprise',
      'pairing',
    );
    expect((await press(AVERY, 'seat.reject', { requestId: r.id, reason: '  ' })).statusCode).toBe(400);
    const body = await press(AVERY, 'seat.reject', {
      requestId: r.id,
      reason: 'Kim already uses a partner lab machine',
    });
    expect(cardText(body.value).join('\n')).toContain('Declined by Avery Chen');
    expect((await seats().getRequest(CONTOSO, r.id)).doc.decision?.reason).toBe(
      'Kim already uses a partner lab machine',
    );
  });

  it('gives exactly one seat when 50 different requests for the last free seat are approved at once', async () => {
    await t.app.store.repos.seatPools.create({
      type: 'seatPool',
      id: 'pool:last-seat',
      tenantId: CONTOSO,
      subscription: 'Visual Studio Professional',
      seats: 1,
      benefitId: 'benefit:vs-enterprise',
      expiresOn: '2027-06-30',
    });
    const ids: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      const aad = `e1000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      await t.post(message({ name: `Temp ${i}`, aadObjectId: aad, tenantId: CONTOSO }, 'help', opts()));
      const r = await seats().request(
        { tenantId: CONTOSO, aadObjectId: aad, roles: [] },
        `Temp ${i}`,
        'pool:last-seat',
        'x',
      );
      ids.push(r.id);
    }
    const results = await Promise.all(ids.map((id) => press(AVERY, 'seat.approve', { requestId: id })));
    const approved = results.filter(
      (b) =>
        b.type === 'application/vnd.microsoft.card.adaptive' && cardText(b.value).join().includes('Approved'),
    );
    expect(approved).toHaveLength(1);
    expect((await seats().usage(CONTOSO, 'pool:last-seat')).used).toBe(1);
    const stillPending = (await seats().pendingRequests(CONTOSO)).filter(
      (r) => r.poolId === 'pool:last-seat',
    );
    expect(stillPending).toHaveLength(49);
    expect(results.filter((b) => String(b.value).includes('must be released'))).toHaveLength(49);
  });

  it('assigns one seat when the same request is approved twice at the same moment, and both see the final card', async () => {
    const aad = 'e2000000-0000-4000-8000-000000000001';
    await t.post(message({ name: 'Twice Asked', aadObjectId: aad, tenantId: CONTOSO }, 'help', opts()));
    const r = await seats().request(
      { tenantId: CONTOSO, aadObjectId: aad, roles: [] },
      'Twice Asked',
      'pool:vs-enterprise',
      'x',
    );
    const [a, b] = await Promise.all([
      press(AVERY, 'seat.approve', { requestId: r.id }),
      press(DANA, 'seat.approve', { requestId: r.id }),
    ]);
    for (const body of [a, b]) expect(cardText(body.value).join('\n')).toContain('Approved by');
    const mine = (await seats().usage(CONTOSO, 'pool:vs-enterprise')).assignments.filter(
      (x) => x.assignee === aad,
    );
    expect(mine).toHaveLength(1);
    const audits = await t.app.store.repos.audit.list(CONTOSO, {
      where: { action: 'seat.approve', target: r.id, outcome: 'success' },
    });
    expect(audits).toHaveLength(1);
  });

  it('tells someone who already holds a seat so at once, before asking anything', async () => {
    const reply = await say(FANG, 'request visual studio enterprise');
    expect(String(reply.text)).toContain('You already have a Visual Studio Enterprise seat');
    // Nothing is left waiting: the next message is read afresh.
    expect(cardText(cardOf(await say(FANG, 'help'))).join('\n')).toContain('request Visual Studio');
  });

  it('answers Chinese users in Chinese through the whole request', async () => {
    const aad = 'e3000000-0000-4000-8000-000000000001';
    const wang: Person = { name: 'Wang Lei', aadObjectId: aad, tenantId: CONTOSO };
    await t.app.store.repos.seatPools.create({
      type: 'seatPool',
      id: 'pool:vs-professional-zh',
      tenantId: CONTOSO,
      subscription: 'Visual Studio Professional',
      seats: 3,
      benefitId: 'benefit:vs-enterprise',
      expiresOn: '2027-06-30',
    });
    // Two pools or more: the bot asks which one, with choices on a card.
    const ask = await say(wang, '申请 Visual Studio', 'zh-CN');
    const hero = (ask.attachments as { content: { text: string; buttons: { title: string }[] } }[])[0]
      .content;
    expect(hero.text).toContain('你需要哪种 Visual Studio 订阅');
    expect(hero.buttons.map((b) => b.title).join()).toContain('已用');
    // Pressing a choice button posts its value as the user's message.
    const enterprise = hero.buttons.find((b) => b.title.includes('Enterprise'))?.title ?? '';
    expect(String((await say(wang, enterprise, 'zh-CN')).text)).toContain('用途');
    expect(String((await say(wang, '开发内部工具', 'zh-CN')).text)).toContain('已发送给审批人');
  });
});

describe('reassigning a seat from the pools card', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());
  const press = async (person: Person, data: unknown) =>
    (await t.post(cardAction(person, 'seat.reassign', data, { serviceUrl: t.connector.url })))
      .body as InvokeBody;

  it('offers Avery a Reassign button per seat with the people who have none', async () => {
    await t.post(message(AVERY, 'seats', { serviceUrl: t.connector.url }));
    const card = cardOf(await t.connector.waitFor(() => t.connector.sentActivities().at(-1)));
    expect(cardButtons(card)).toEqual(expect.arrayContaining(['Reassign seat 1', 'Reassign seat 2']));
    expect(JSON.stringify(card)).toContain('Eli Park');
  });

  it('refuses the seat given 10 days ago and says from which day it can move', async () => {
    const body = await press(AVERY, {
      assignmentId: 'assignment:pool:vs-enterprise:2',
      'assignee-2': ELI.aadObjectId,
    });
    expect(String(body.value)).toContain('can be reassigned from Feb 12, 2027');
  });

  it('moves the seat given 100 days ago to Eli, and the card shows it', async () => {
    const body = await press(AVERY, {
      assignmentId: 'assignment:pool:vs-enterprise:1',
      'assignee-1': ELI.aadObjectId,
    });
    expect(cardText(body.value).join('\n')).toContain('Seat 1\nEli Park\nsince Nov 24, 2026');
    const audit = await t.app.store.repos.audit.list(CONTOSO, {
      where: { action: 'seat.reassign', outcome: 'success' },
    });
    expect(audit).toHaveLength(1);
  });

  it('refuses an employee, and a person of another tenant', async () => {
    expect(
      String(
        (await press(ELI, { assignmentId: 'assignment:pool:vs-enterprise:1', 'assignee-1': ELI.aadObjectId }))
          .value,
      ),
    ).toContain('Global admin');
    const body = await press(AVERY, {
      assignmentId: 'assignment:pool:vs-enterprise:1',
      'assignee-1': 'a1000000-0000-4000-8000-000000000001',
    });
    expect(String(body.value)).toContain('not in your organisation');
  });
});

describe('assigning a seat in a short conversation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.stop());
  const say = async (person: Person, text: string) => {
    const before = t.connector.sentActivities().length;
    await t.post(message(person, text, { serviceUrl: t.connector.url }));
    return t.connector.waitFor(() =>
      t.connector.sentActivities().length > before ? t.connector.sentActivities().at(-1) : undefined,
    );
  };
  const heroOf = (a: Record<string, unknown>) =>
    (a.attachments as { content: { text: string; buttons: { title: string; value: string }[] } }[])[0]
      .content;

  it('walks Avery through person and confirmation, then assigns and shows the new usage', async () => {
    const who = heroOf(await say(AVERY, 'assign seat'));
    expect(who.text).toBe('Who should get the seat?');
    const names = who.buttons.map((b) => b.title);
    expect(names).toContain('Eli Park');
    expect(names).not.toContain('Fang Wu'); // already holds a seat
    const confirm = heroOf(await say(AVERY, 'Eli Park'));
    expect(confirm.text).toContain('Assign a Visual Studio Enterprise seat to Eli Park?');
    const done = await say(AVERY, 'Yes');
    expect(String(done.text)).toContain('Eli Park has seat 3 of Visual Studio Enterprise (3 of 10 now used)');
  });

  it('stops when the admin says cancel, changing nothing', async () => {
    await say(AVERY, 'assign seat');
    expect(String((await say(AVERY, 'cancel')).text)).toContain('Cancelled');
    const used = (await t.app.store.repos.seatAssignments.list(CONTOSO)).length;
    expect(used).toBe(3);
  });

  it('tells an employee which role is needed and who holds it', async () => {
    const reply = await say(ELI, 'assign seat');
    expect(String(reply.text)).toContain('you need the Global admin role');
    expect(String(reply.text)).toContain('Avery Chen can do it for you');
  });
});
