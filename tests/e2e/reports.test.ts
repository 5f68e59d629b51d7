import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AdaptiveCard } from '../../src/cards';
import { conversationRefId, subscriptionId } from '../../src/domain/model';
import { SeatService } from '../../src/domain/seats';
import { CONTOSO, DANA, AVERY, FANG } from '../support/people';
import { E2E } from './harness';

/**
 * Issue 20 in the Agents Playground: what admins can see. Dana's reminders reach the Benefits
 * channel but not a channel whose bot was removed (its connector answers 404); the delivery report
 * says so and how to turn it back on. The usage digest arrives in the channel (the Playground
 * shows the text fallback of the chart). Avery's "give Fang a Visual Studio Enterprise seat" (the
 * demo has two pools, so she names one) goes straight to the confirmation.
 */

const REMOVED = '19:old-project@thread.tacv2';
let e2e: E2E;
let gone: Server;
const sentCards: AdaptiveCard[] = [];

beforeAll(async () => {
  e2e = await E2E.start();
  // A Teams service for a team the app was removed from: every post is 404 ConversationNotFound.
  gone = createServer((req, res) => {
    req.resume();
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'ConversationNotFound', message: 'Conversation not found.' } }));
  });
  await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
  const { repos } = e2e.bot.app.store;
  const now = e2e.bot.app.services.clock.now().toISOString();
  await repos.conversationRefs.create({
    type: 'conversationRef',
    id: conversationRefId(REMOVED),
    tenantId: CONTOSO,
    conversationId: REMOVED,
    scope: 'channel',
    serviceUrl: `http://127.0.0.1:${(gone.address() as AddressInfo).port}/`,
    botId: '28:bot',
    teamName: 'Contoso Partners',
    channelName: 'Old project',
    active: true,
    updatedAt: now,
  });
  await repos.noticeSubscriptions.create({
    type: 'noticeSubscription',
    id: subscriptionId(REMOVED),
    tenantId: CONTOSO,
    conversationId: REMOVED,
    categories: [],
    active: true,
    createdBy: DANA.aadObjectId,
    createdAt: now,
  });
  // The cards the bot posts proactively, to check the chart JSON behind what the Playground draws.
  const messenger = e2e.bot.app.services.messenger;
  const send = messenger.sendCard.bind(messenger);
  messenger.sendCard = (ref, card, observe) => {
    sentCards.push(card);
    return send(ref, card, observe);
  };
}, 120_000);

afterAll(async () => {
  await e2e?.stop();
  await new Promise((r) => gone?.close(r));
}, 60_000);

test('dana sees in the delivery report that one channel lost the bot (404) and how to turn it on again', async () => {
  const dana = await e2e.chatAs('dana');
  await dana.openConversation('Benefits');
  await dana.say('post expiry reminders here', { mention: true });
  await dana.expectCard('Expiry reminders in this channel');
  await dana.say('check expiry now', { mention: true });
  await dana.expectReply(/Checked: [1-9]\d* reminders sent, \d+ already sent earlier, [1-9]\d* failed/);
  await dana.expectCard('Dynamics 365 Sales Enterprise');

  await dana.markTurn();
  await dana.say('reminder report', { mention: true });
  const report = await dana.expectCard('Reminder delivery report');
  await report.expectText('Contoso Partners › Old project');
  await report.expectText('Reminders off');
  await report.expectText('Turned off because the channel no longer exists');
  await report.expectText('post expiry reminders here');
  await report.expectText('the channel or conversation no longer exists');
  await report.expectText('Due next');
  await report.shot('delivery-report');
}, 240_000);

test('the usage digest arrives in the channel as a donut chart with its figures as the text fallback', async () => {
  const dana = await e2e.chatAs('dana');
  await dana.markTurn();
  const run = await e2e.bot.app.services.usageDigests.run();
  expect(run.sent).toBe(1); // the Benefits channel; the removed one is off
  const digest = await dana.expectCard('Benefits usage, week of');
  // The Playground draws the donut itself; clients without charts show the fallback text.
  await digest.expectText('Visual Studio seats');
  await digest.expectText('Value at risk');
  await digest.expectText('never activated');
  await digest.shot('usage-digest');
  const card = sentCards.find((c) => JSON.stringify(c).includes('Chart.Donut'));
  const donut = JSON.stringify(card);
  expect(donut).toContain('"type":"Chart.Donut","title":"Visual Studio Enterprise"');
  expect(donut).toContain('"data":[{"legend":"Used","value":2');
  expect(donut).toContain(
    '"fallback":{"type":"TextBlock","text":"Visual Studio Enterprise: 2 used, 8 free of 10"',
  );
  // A second run in the same week posts nothing.
  expect((await e2e.bot.app.services.usageDigests.run()).sent).toBe(0);
}, 240_000);

test('avery says "give Fang a Visual Studio Enterprise seat" and goes straight to the confirmation', async () => {
  // Fang's seat (assigned 100 days ago) was released first, so Fang may be given one.
  const { app } = e2e.bot;
  const seats = new SeatService(app.store.repos, app.services.audit, app.services.clock);
  const [fangs] = (await app.store.repos.seatAssignments.list(CONTOSO)).filter(
    (a) => a.doc.assignee === FANG.aadObjectId,
  );
  await seats.release(
    { tenantId: CONTOSO, aadObjectId: AVERY.aadObjectId, roles: ['GlobalAdmin'] },
    fangs.doc.id,
  );

  const avery = await e2e.chatAs('avery');
  await avery.say('give Fang a Visual Studio Enterprise seat');
  // The first thing the bot says is the confirmation (a choice prompt, with Yes and No).
  await avery.expectReply('Assign a Visual Studio Enterprise seat to Fang Wu?');
  await avery.shot('straight-to-confirmation');
  await avery.markTurn();
  await avery.say('Yes');
  await avery.expectReply('Fang Wu has seat');
  await avery.shot('assigned');
}, 240_000);
