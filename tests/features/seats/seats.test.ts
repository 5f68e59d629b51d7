import { SeatService } from '../../../src/domain/seats';
import { cardAction, message } from '../../support/activities';
import { conversation, type InvokeBody } from '../../support/conversation';
import { AVERY, BO, CASEY, CONTOSO, DANA, ELI, FANG, type Person } from '../../support/people';
import { seedWithOnePool } from '../../support/seedFixtures';
import { cardButtons, cardOf, cardText, startMemoryApp, type MemoryTestApp } from '../../support/testApp';

describe('Visual Studio seats: request, approve in chat, never over-assign', () => {
  let t: MemoryTestApp;
  const opts = () => ({ serviceUrl: t.connector.url });
  const { lastReply, press } = conversation(() => t);
  const seats = () => new SeatService(t.app.store.repos, t.app.services.audit, t.app.services.clock);

  beforeAll(async () => {
    // Contoso with its one Enterprise pool: the request goes straight past "which subscription?".
    t = await startMemoryApp({ SEED_FILE: seedWithOnePool() });
    // Avery has talked to the bot in a personal chat, so the bot can reach Avery there.
    await lastReply(AVERY, 'help');
  });
  afterAll(() => t.stop());

  let requestId = '';
  let postedToAvery: { path: string; id: string } | undefined;

  it('lets Eli ask for Visual Studio Enterprise in a short conversation, and posts the card to Avery', async () => {
    expect(String((await lastReply(ELI, 'request visual studio')).text)).toContain('what do you need it for');
    const callsBefore = t.connector.calls.length;
    const done = await lastReply(ELI, 'Building the Azure migration samples for a customer');
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
    const body = await press(AVERY, 'seat.approve', { requestId }, { replyToId: postedToAvery?.id });
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
    const text = cardText(cardOf(await lastReply(ELI, 'my requests'))).join('\n');
    expect(text).toContain('Approved by Avery Chen');
  });

  it('asks for a reason to decline and records it', async () => {
    const kim: Person = {
      name: 'Kim Reyes',
      aadObjectId: 'e4000000-0000-4000-8000-000000000001',
      tenantId: CONTOSO,
    };
    await lastReply(kim, 'help');
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
    const reply = await lastReply(FANG, 'request visual studio enterprise');
    expect(String(reply.text)).toContain('You already have a Visual Studio Enterprise seat');
    // Nothing is left waiting: the next message is read afresh.
    expect(cardText(cardOf(await lastReply(FANG, 'help'))).join('\n')).toContain('request Visual Studio');
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
    const ask = await lastReply(wang, '申请 Visual Studio', 'zh-CN');
    const hero = (ask.attachments as { content: { text: string; buttons: { title: string }[] } }[])[0]
      .content;
    expect(hero.text).toContain('你需要哪种 Visual Studio 订阅');
    expect(hero.buttons.map((b) => b.title).join()).toContain('已用');
    // Pressing a choice button posts its value as the user's message.
    const enterprise = hero.buttons.find((b) => b.title.includes('Enterprise'))?.title ?? '';
    expect(String((await lastReply(wang, enterprise, 'zh-CN')).text)).toContain('用途');
    expect(String((await lastReply(wang, '开发内部工具', 'zh-CN')).text)).toContain('已发送给审批人');
  });
});

describe('reassigning a seat from the pools card', () => {
  let t: MemoryTestApp;
  beforeAll(async () => {
    t = await startMemoryApp();
  });
  afterAll(() => t.stop());
  const { lastReply, press } = conversation(() => t);

  it('offers Avery a Reassign button per seat with the people who have none', async () => {
    const card = cardOf(await lastReply(AVERY, 'seats'));
    expect(cardButtons(card)).toEqual(expect.arrayContaining(['Reassign seat 1', 'Reassign seat 2']));
    expect(JSON.stringify(card)).toContain('Eli Park');
  });

  it('refuses the seat given 10 days ago and says from which day it can move', async () => {
    const body = await press(AVERY, 'seat.reassign', {
      assignmentId: 'assignment:pool:vs-enterprise:2',
      'assignee-2': ELI.aadObjectId,
    });
    expect(String(body.value)).toContain('can be reassigned from Feb 12, 2027');
  });

  it('moves the seat given 100 days ago to Eli, and the card shows it', async () => {
    const body = await press(AVERY, 'seat.reassign', {
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
        (
          await press(ELI, 'seat.reassign', {
            assignmentId: 'assignment:pool:vs-enterprise:1',
            'assignee-1': ELI.aadObjectId,
          })
        ).value,
      ),
    ).toContain('Global admin');
    const body = await press(AVERY, 'seat.reassign', {
      assignmentId: 'assignment:pool:vs-enterprise:1',
      'assignee-1': 'a1000000-0000-4000-8000-000000000001',
    });
    expect(String(body.value)).toContain('not in your organisation');
  });
});

describe('assigning a seat in a short conversation (a tenant with one pool)', () => {
  let t: MemoryTestApp;
  beforeAll(async () => {
    t = await startMemoryApp({ SEED_FILE: seedWithOnePool() });
  });
  afterAll(() => t.stop());
  const { lastReply } = conversation(() => t);
  const heroOf = (a: Record<string, unknown>) =>
    (a.attachments as { content: { text: string; buttons: { title: string; value: string }[] } }[])[0]
      .content;

  it('walks Avery through person and confirmation, then assigns and shows the new usage', async () => {
    const who = heroOf(await lastReply(AVERY, 'assign seat'));
    expect(who.text).toBe('Who should get the seat?');
    const names = who.buttons.map((b) => b.title);
    expect(names).toContain('Eli Park');
    expect(names).not.toContain('Fang Wu'); // already holds a seat
    const confirm = heroOf(await lastReply(AVERY, 'Eli Park'));
    expect(confirm.text).toContain('Assign a Visual Studio Enterprise seat to Eli Park?');
    const done = await lastReply(AVERY, 'Yes');
    expect(String(done.text)).toContain('Eli Park has seat 3 of Visual Studio Enterprise (3 of 10 now used)');
  });

  it('stops when the admin says cancel, changing nothing', async () => {
    await lastReply(AVERY, 'assign seat');
    expect(String((await lastReply(AVERY, 'cancel')).text)).toContain('Cancelled');
    const used = (await t.app.store.repos.seatAssignments.list(CONTOSO)).length;
    expect(used).toBe(3);
  });

  it('tells an employee which role is needed and who holds it', async () => {
    const reply = await lastReply(ELI, 'assign seat');
    expect(String(reply.text)).toContain('you need the Global admin role');
    expect(String(reply.text)).toContain('Avery Chen can do it for you');
  });
});

describe('choosing between two pools (the demo: the Enterprise pool and the add-on package’s Professional pool)', () => {
  let t: MemoryTestApp;
  beforeAll(async () => {
    t = await startMemoryApp();
    // Avery has talked to the bot, so requests reach an approver.
    await t.post(message(AVERY, 'help', { serviceUrl: t.connector.url }));
  });
  afterAll(() => t.stop());
  /** The bot's answer in this person's own chat (approval cards to Avery may interleave). */
  const { lastReply: say } = conversation(() => t);
  const heroOf = (a: Record<string, unknown>) =>
    (a.attachments as { content: { text: string; buttons: { title: string }[] } }[])[0].content;
  const seats = () => new SeatService(t.app.store.repos, t.app.services.audit, t.app.services.clock);
  const ga = { tenantId: CONTOSO, aadObjectId: AVERY.aadObjectId, roles: ['GlobalAdmin' as const] };
  const newcomer = async (n: number): Promise<Person> => {
    const p = {
      name: `Newcomer ${n}`,
      aadObjectId: `e4000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      tenantId: CONTOSO,
    };
    await say(p, 'help');
    return p;
  };

  it('asks an employee which subscription, with both pools and their usage, and files the request for the one picked', async () => {
    const asker = await newcomer(1);
    const ask = heroOf(await say(asker, 'request visual studio'));
    expect(ask.text).toBe('Which Visual Studio subscription do you need?');
    expect(ask.buttons.map((b) => b.title)).toEqual([
      'Visual Studio Enterprise (2 of 10 used)',
      'Visual Studio Professional (0 of 5 used)',
    ]);
    expect(String((await say(asker, 'Visual Studio Professional (0 of 5 used)')).text)).toContain(
      'what do you need it for',
    );
    expect(String((await say(asker, 'Diagrams for the data platform project')).text)).toContain(
      'sent to your approvers',
    );
    const [mine] = await seats().requestsOf(CONTOSO, asker.aadObjectId);
    expect(mine.poolId).toBe('pool:addon-vs-professional');
  });

  it('asks the same in Chinese, and the other pool can be picked', async () => {
    const asker = await newcomer(2);
    const ask = heroOf(await say(asker, '申请 Visual Studio', 'zh-CN'));
    expect(ask.text).toBe('你需要哪种 Visual Studio 订阅？');
    expect(ask.buttons.map((b) => b.title)).toEqual([
      'Visual Studio Enterprise（已用 2/10）',
      'Visual Studio Professional（已用 0/5）',
    ]);
    expect(String((await say(asker, 'Visual Studio Enterprise（已用 2/10）', 'zh-CN')).text)).toContain(
      '用途',
    );
    expect(String((await say(asker, '开发内部工具', 'zh-CN')).text)).toContain('已发送给审批人');
    const [mine] = await seats().requestsOf(CONTOSO, asker.aadObjectId);
    expect(mine.poolId).toBe('pool:vs-enterprise');
  });

  it('with a Professional request waiting, says so and offers the Enterprise pool as a choice, never switching silently', async () => {
    const asker = {
      name: 'Newcomer 1',
      aadObjectId: 'e4000000-0000-4000-8000-000000000001',
      tenantId: CONTOSO,
    };
    const chat = () =>
      t.connector
        .sentActivities()
        .filter(
          (a) => (a.conversation as { id?: string } | undefined)?.id === `a:personal-${asker.aadObjectId}`,
        );
    const before = chat().length;
    await t.post(message(asker, 'request visual studio', { serviceUrl: t.connector.url }));
    const hero = await t.connector.waitFor(() =>
      chat()
        .slice(before)
        .find((a) => a.attachments),
    );
    const said = chat()
      .slice(before)
      .map((a) => (typeof a.text === 'string' ? a.text : ''))
      .join('\n');
    expect(said).toContain('You already have a Visual Studio Professional request waiting');
    const ask = heroOf(hero);
    expect(ask.text).toBe('Which Visual Studio subscription do you need?');
    expect(ask.buttons.map((b) => b.title)).toEqual(['Visual Studio Enterprise (2 of 10 used)']);
    await say(asker, 'cancel');
    expect((await seats().requestsOf(CONTOSO, asker.aadObjectId)).length).toBe(1);
  });

  it('asks Avery which pool the seat comes from and gives Eli a Professional seat', async () => {
    const ask = heroOf(await say(AVERY, 'assign seat'));
    expect(ask.text).toBe('Which Visual Studio subscription should the seat come from?');
    expect(ask.buttons.map((b) => b.title)).toEqual([
      'Visual Studio Enterprise (2 of 10 used)',
      'Visual Studio Professional (0 of 5 used)',
    ]);
    const who = heroOf(await say(AVERY, 'Visual Studio Professional (0 of 5 used)'));
    expect(who.text).toBe('Who should get the seat?');
    // Fang holds an Enterprise seat, not a Professional one: Fang may have this one.
    expect(who.buttons.map((b) => b.title)).toEqual(expect.arrayContaining(['Eli Park', 'Fang Wu']));
    expect(heroOf(await say(AVERY, 'Eli Park')).text).toBe(
      'Assign a Visual Studio Professional seat to Eli Park?',
    );
    expect(String((await say(AVERY, 'Yes')).text)).toContain(
      'Eli Park has seat 1 of Visual Studio Professional (1 of 5 now used)',
    );
  });

  it('asks the same in Chinese and gives Eli an Enterprise seat too', async () => {
    const ask = heroOf(await say(AVERY, '分配席位', 'zh-CN'));
    expect(ask.text).toBe('要从哪种 Visual Studio 订阅中分配席位？');
    expect(ask.buttons.map((b) => b.title)).toEqual([
      'Visual Studio Enterprise（已用 2/10）',
      'Visual Studio Professional（已用 1/5）',
    ]);
    const who = heroOf(await say(AVERY, 'Visual Studio Enterprise（已用 2/10）', 'zh-CN'));
    expect(who.text).toBe('要把席位分配给谁？');
    expect(who.buttons.map((b) => b.title)).not.toContain('Fang Wu');
    expect(heroOf(await say(AVERY, 'Eli Park', 'zh-CN')).text).toBe(
      '确定将一个 Visual Studio Enterprise 席位分配给 Eli Park 吗？',
    );
    expect(String((await say(AVERY, '是', 'zh-CN')).text)).toContain(
      'Eli Park 获得了 Visual Studio Enterprise 的第 3 号席位（现已使用 3/10）',
    );
  });

  it('never offers a full pool: with the Professional pool full it goes straight to the Enterprise pool, and refuses it by name', async () => {
    for (const p of [BO, CASEY, DANA, FANG])
      await seats().assign(ga, 'pool:addon-vs-professional', p.aadObjectId);
    expect((await seats().usage(CONTOSO, 'pool:addon-vs-professional')).free).toBe(0);
    const who = heroOf(await say(AVERY, 'assign seat'));
    expect(who.text).toBe('Who should get the seat?');
    // The confirmation names the pool the seat comes from.
    expect(heroOf(await say(AVERY, 'Bo Li')).text).toBe('Assign a Visual Studio Enterprise seat to Bo Li?');
    expect(String((await say(AVERY, 'No')).text)).toContain('nothing was assigned');
    const named = await say(AVERY, 'give Bo a Visual Studio Professional seat');
    expect(String(named.text)).toContain(
      'Every Visual Studio Professional seat is held or reserved right now',
    );
    await expect(seats().assign(ga, 'pool:addon-vs-professional', AVERY.aadObjectId)).rejects.toMatchObject({
      key: 'seats.poolFull',
    });
  });

  it('refuses approving a request for the full pool, and the request keeps waiting', async () => {
    const [waiting] = await seats().requestsOf(CONTOSO, 'e4000000-0000-4000-8000-000000000001');
    await expect(seats().approve(ga, AVERY.name, waiting.id)).rejects.toMatchObject({
      key: 'seats.poolFull',
    });
    expect((await seats().getRequest(CONTOSO, waiting.id)).doc.status).toBe('pending');
  });
});

describe('the pools card shows a seat released before its 90 days as reserved, in English and Chinese', () => {
  let t: MemoryTestApp;
  beforeAll(async () => {
    t = await startMemoryApp();
  });
  afterAll(() => t.stop());
  const poolsCard = async (text: string, locale: string) => {
    const before = t.connector.sentActivities().length;
    await t.post(message(AVERY, text, { serviceUrl: t.connector.url, locale }));
    return cardOf(
      await t.connector.waitFor(() =>
        t.connector.sentActivities().length > before ? t.connector.sentActivities().at(-1) : undefined,
      ),
    );
  };

  it('shows both pools before the release, with no seat reserved', async () => {
    const shown = cardText(await poolsCard('seats', 'en-US')).join('\n');
    expect(shown).toContain('Visual Studio Enterprise');
    expect(shown).toContain('Visual Studio Professional');
    expect(shown).toContain('2 of 10 used · 8 free');
    expect(shown).toContain('0 of 5 used · 5 free');
    expect(shown).not.toContain('reserved');
  });

  it('after Casey’s 10-day-old seat is released: reserved until Feb 12, 2027, and not counted as free', async () => {
    const released = await t.post(
      cardAction(
        AVERY,
        'seat.release',
        { assignmentId: 'assignment:pool:vs-enterprise:2' },
        { serviceUrl: t.connector.url },
      ),
    );
    const shown = cardText((released.body as InvokeBody).value).join('\n');
    expect(shown).toContain('1 of 10 used · 8 free · 1 reserved');
    expect(shown).toContain('Seat 2\nReserved (released from Casey Wong on Nov 24, 2026)');
    expect(shown).toContain(
      'reserved until its 90 days are over: it can be given to someone else from Feb 12, 2027',
    );
    // The other pool is untouched.
    expect(shown).toContain('0 of 5 used · 5 free');
  });

  it('says the same in Chinese: 保留, the Chinese date, and the free count without the reserved seat', async () => {
    const shown = cardText(await poolsCard('席位', 'zh-CN')).join('\n');
    expect(shown).toContain('Visual Studio 订阅');
    expect(shown).toContain('已用 1/10 · 空闲 8 个 · 保留 1 个');
    expect(shown).toContain('第 2 号席位\n保留中（2026年11月24日 从 Casey Wong 处释放）');
    expect(shown).toContain('保留至满 90 天：自 2027年2月12日 起可分配给他人');
    expect(shown).toContain('已用 0/5 · 空闲 5 个');
    expect(shown).not.toContain('空闲 9 个');
  });
});

describe('the pool of a cancelled package (the add-on cancelled before anything of it was used)', () => {
  let t: MemoryTestApp;
  beforeAll(async () => {
    t = await startMemoryApp();
    await t.post(message(AVERY, 'help', { serviceUrl: t.connector.url }));
    const cancelled = await t.post(
      cardAction(
        AVERY,
        'package.cancel',
        { packageId: 'package:silver-addon', confirmed: true },
        { serviceUrl: t.connector.url },
      ),
    );
    expect(cardText((cancelled.body as InvokeBody).value).join('\n')).toContain('is cancelled');
  });
  afterAll(() => t.stop());
  const { lastReply: say } = conversation(() => t);
  const heroText = (a: Record<string, unknown>) =>
    (a.attachments as { content: { text?: string } }[] | undefined)?.[0]?.content.text ?? String(a.text);

  it('shows the pool as withdrawn on the pools card, in English and Chinese', async () => {
    expect(cardText(cardOf(await say(AVERY, 'seats'))).join('\n')).toContain(
      '0 of 5 used · 5 free · withdrawn: its package Silver add-on: analytics and diagrams was cancelled on Nov 24, 2026',
    );
    expect(cardText(cardOf(await say(AVERY, '席位', 'zh-CN'))).join('\n')).toContain(
      '已收回：所属权益套餐“Silver add-on: analytics and diagrams”已于 2026年11月24日 取消',
    );
  });

  it('never offers it: a request and an assignment go straight to the Enterprise pool', async () => {
    expect(heroText(await say(ELI, 'request visual studio'))).toContain('what do you need it for');
    await say(ELI, 'cancel');
    expect(heroText(await say(AVERY, 'assign seat'))).toBe('Who should get the seat?');
    await say(AVERY, 'cancel');
  });

  it('refuses it when named, before anything is asked, saying its package was cancelled', async () => {
    expect(heroText(await say(ELI, 'request visual studio professional'))).toContain(
      'belongs to a cancelled package (Silver add-on: analytics and diagrams)',
    );
    expect(heroText(await say(AVERY, 'give Eli a Visual Studio Professional seat'))).toContain(
      'belongs to a cancelled package (Silver add-on: analytics and diagrams)',
    );
    expect(await t.app.store.repos.seatRequests.list(CONTOSO)).toEqual([]);
  });
});
