import { E2E } from './harness';

/**
 * Issue 9 in the Agents Playground: people ask in their own words. Eli writes in Chinese (his
 * Teams client is in English) and gets the seat request in Chinese; a rule question gets the
 * rule's answer; a message that could mean two things gets "did you mean…?" buttons that work.
 */

let e2e: E2E;

beforeAll(async () => {
  e2e = await E2E.start();
}, 120_000);

afterAll(async () => {
  await e2e?.stop();
}, 60_000);

describe('asking in your own words', () => {
  test('eli asks for a Visual Studio licence in Chinese and the request goes on in Chinese', async () => {
    const avery = await e2e.chatAs('avery');
    await avery.say('help');
    await avery.expectCard('What I can do for you');

    const eli = await e2e.chatAs('eli');
    await eli.say('我需要一个 Visual Studio 许可证');
    // Free text asks first (issue 15), in the language it was written in.
    const confirm = await eli.expectCard('要申请一个 Visual Studio 席位吗');
    await confirm.press('是');
    // Two pools (the add-on package has its own): Eli picks one (a choice button sends its title).
    await eli.expectReply('你需要哪种 Visual Studio 订阅');
    await eli.markTurn();
    await eli.say('Visual Studio Enterprise（已用 2/10）');
    await eli.expectReply('请用一句话说明用途');
    await eli.shot('asked-in-chinese');
    await eli.say('为客户开发 Azure 迁移示例');
    await eli.expectReply('已发送给审批人');
    await eli.shot('requested-in-chinese');
  });

  test('eli asks how long before a seat can be reassigned and gets the rule with its 90 days', async () => {
    const eli = await e2e.chatAs('eli');
    await eli.say('how long before I can reassign a seat?');
    const answer = await eli.expectCard('When can a Visual Studio seat be reassigned?');
    await answer.expectText('90 days');
    await answer.shot('faq-answer');
  });

  test('eli says "keys", is asked which he meant, and the button he picks works', async () => {
    const eli = await e2e.chatAs('eli');
    await eli.say('keys');
    const question = await eli.expectCard('Did you mean');
    await question.expectButtons(['Software and product keys', 'Redeem a licence key', 'What I can do']);
    await question.shot('clarify');
    await eli.markTurn();
    await question.press('Software and product keys');
    const software = await eli.expectCard('Software');
    await software.shot('software-after-clarify');
  });
});
