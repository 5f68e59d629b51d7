import { E2E } from './harness';

/**
 * The two flows the product is used for most: an employee asks for Visual Studio and an admin
 * approves in chat; a channel gets expiry reminders. Each person has their own Playground
 * against one bot, as in Teams.
 */

let e2e: E2E;

beforeAll(async () => {
  e2e = await E2E.start();
}, 120_000);

afterAll(async () => {
  await e2e?.stop();
}, 60_000);

test('eli asks for Visual Studio Enterprise, avery approves in chat, both see it', async () => {
  // Avery has a chat with the bot: that is where approval cards go when no approvals channel is set.
  const avery = await e2e.chatAs('avery');
  await avery.say('seats');
  const before = await avery.expectCard('Visual Studio subscriptions');
  await before.expectText('2 of 10 used');
  await avery.markTurn();

  const eli = await e2e.chatAs('eli');
  await eli.say('request visual studio');
  // Two pools (the add-on package has its own): Eli picks one (a choice button sends its title).
  await eli.expectReply('Which Visual Studio subscription do you need?');
  await eli.say('Visual Studio Enterprise (2 of 10 used)');
  await eli.expectReply('what do you need it for');
  await eli.say('Building the Azure migration samples for a customer workshop');
  await eli.expectReply('sent to your approvers');
  await eli.shot('requested');
  await eli.markTurn();

  const card = await avery.expectCard('Visual Studio seat request');
  await card.expectText('Eli Park');
  await card.expectText('Waiting for approval');
  await card.expectButtons(['Approve', 'Decline']);
  await avery.shot('approval-card');

  const approved = await card.execute('Approve');
  await approved.expectText('Approved by Avery Chen');
  await approved.expectNoButton('Approve');
  await avery.shot('approved');

  await eli.expectReply('your Visual Studio Enterprise request was approved by Avery Chen');
  await eli.shot('told');
  await eli.say('my requests');
  const mine = await eli.expectCard('Your seat requests');
  await mine.expectText('Approved by Avery Chen');

  await avery.markTurn();
  await avery.say('seats');
  const after = await avery.expectCard('Visual Studio subscriptions');
  await after.expectText('3 of 10 used');
  await after.expectText('Eli Park');
  await avery.shot('pool-after');
}, 240_000);

test('dana turns on expiry reminders in a channel; a check posts the 1, 7 and 30-day items once', async () => {
  const dana = await e2e.chatAs('dana');
  await dana.openConversation('Benefits');
  await dana.say('post expiry reminders here', { mention: true });
  const sub = await dana.expectCard('Expiry reminders in this channel');
  await sub.expectText('30, 7, 1 days before');
  await dana.shot('subscribed');

  await dana.say('check expiry now', { mention: true });
  await dana.expectReply(/Checked: [1-9]\d* reminders sent/);
  const tomorrow = await dana.expectCard('Dynamics 365 Sales Enterprise');
  await tomorrow.expectText('Last day is tomorrow');
  const week = await dana.expectCard('Azure monthly credit');
  await week.expectText('Expires in 7 days');
  const month = await dana.expectCard('Windows Server 2022 Datacenter');
  await month.expectText('Expires in 30 days');
  await dana.shot('reminders');

  await dana.say('check expiry now', { mention: true });
  await dana.expectReply(/Checked: 0 reminders sent, [1-9]\d* already sent earlier, 0 failed/);
  await dana.shot('second-run');
}, 240_000);
