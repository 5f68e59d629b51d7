import { E2E } from './harness';

/**
 * Issue 15 in the Agents Playground: questions are answered, never acted on; a request already
 * waiting is said at once and nothing stays stuck; a person who reads Chinese stays in Chinese
 * through a button press and a proactive approval notice.
 */

let e2e: E2E;

beforeAll(async () => {
  e2e = await E2E.start();
}, 120_000);

afterAll(async () => {
  await e2e?.stop();
}, 60_000);

describe('a conversation that never surprises', () => {
  test('avery asks everyday questions and gets answers, never a started request', async () => {
    const avery = await e2e.chatAs('avery');
    await avery.say('how many VS seats do we have left?');
    const seats = await avery.expectCard('Visual Studio subscriptions');
    await seats.expectText(/\d+ free/);
    await seats.shot('seats-left');
    await avery.markTurn();
    await avery.say('when does our membership expire?');
    const membership = await avery.expectCard('Partner-network membership');
    await membership.shot('membership-expiry');
    await avery.markTurn();
    await avery.say('how many seats are free');
    await avery.expectCard('Visual Studio subscriptions');
    await avery.markTurn();
    await avery.say("what's our partner ID?");
    const partner = await avery.expectCard('Partner ID');
    await partner.shot('partner-id');
    await avery.markTurn();
    await avery.say('show me the audit log for Dana');
    const audit = await avery.expectCard('Audit log');
    await audit.shot('audit-for-dana');
    await avery.markTurn();
    await avery.say('who can reveal product keys?');
    const who = await avery.expectCard('In your organisation that is');
    await who.expectText('Avery Chen');
    await who.shot('who-can-reveal-keys');
  });

  test('eli asks questions, requests once, and a second request is answered at once; help and benefits work', async () => {
    const eli = await e2e.chatAs('eli');
    await eli.say('how many VS seats do we have left?');
    await eli.expectCard('Visual Studio subscriptions');
    await eli.markTurn();
    await eli.say('还剩几个席位');
    await eli.expectCard('Visual Studio 订阅');
    await eli.markTurn();
    await eli.say('can I get a VS licence?');
    const confirm = await eli.expectCard('Do you want to request a Visual Studio seat?');
    await confirm.expectButtons(['Yes', 'No']);
    await confirm.shot('confirm-first');
    await eli.markTurn();
    await confirm.press('Yes');
    // Two pools (the add-on package has its own): Eli picks one (a choice button sends its title).
    await eli.expectReply('Which Visual Studio subscription do you need?');
    await eli.markTurn();
    await eli.say('Visual Studio Enterprise (2 of 10 used)');
    await eli.expectReply('what do you need it for');
    await eli.markTurn();
    // A question while being asked why is answered, then the question comes again.
    await eli.say('when does our membership expire?');
    await eli.expectCard('Partner-network membership');
    await eli.expectReply('what do you need it for');
    await eli.shot('question-answered-then-asked-again');
    await eli.markTurn();
    await eli.say('Building the Azure migration samples for a customer');
    await eli.expectReply('sent to your approvers');
    await eli.markTurn();
    await eli.say('request visual studio');
    await eli.expectReply('already have a Visual Studio Enterprise request');
    // The other pool is still offered, as a choice, not taken silently.
    await eli.expectReply('Which Visual Studio subscription do you need?');
    await eli.shot('duplicate-answered-at-once');
    await eli.markTurn();
    // She wants no second pool: cancel ends the question, then help and benefits work as usual.
    await eli.say('cancel');
    await eli.expectReply('Cancelled. Nothing else was changed.');
    await eli.markTurn();
    await eli.say('help');
    await eli.expectCard('What I can do for you');
    await eli.markTurn();
    await eli.say('benefits');
    const benefits = await eli.expectCard('Benefits');
    await benefits.shot('benefits-after-duplicate');
  });

  test('avery writes 权益 and stays in Chinese through 查看软件; eli chooses 说中文 and is told the decision in Chinese', async () => {
    const avery = await e2e.chatAs('avery');
    // Eli's request (previous test) reached Avery's chat as an approval card.
    const request = await avery.expectCard('Visual Studio seat request');
    await request.expectText('Eli Park');
    await avery.say('权益');
    const overview = await avery.expectCard('权益');
    const software = await overview.execute('查看软件');
    await software.expectText('软件');
    await software.expectNoText(/\bSoftware\b/);
    await software.shot('software-stays-chinese');

    const eli = await e2e.chatAs('eli');
    await eli.markTurn();
    await eli.say('说中文');
    await eli.expectReply('中文');
    await eli.markTurn();

    const approved = await request.execute('Approve');
    await approved.expectText('Avery Chen');
    await eli.expectReply('好消息');
    await eli.shot('decision-in-chinese');
  });
});
