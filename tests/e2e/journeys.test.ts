import { E2E } from './harness';

/**
 * What people see in Teams (the Agents Playground) when they talk to the real bot. One bot for
 * the file; each person gets their own Playground the first time a journey needs them.
 * Screenshots land in tests/e2e/artifacts/ (git-ignored).
 */

let e2e: E2E;

beforeAll(async () => {
  e2e = await E2E.start();
}, 120_000);

afterAll(async () => {
  await e2e?.stop();
}, 60_000);

describe('help and roles', () => {
  test('avery asks for help', async () => {
    const avery = await e2e.chatAs('avery');
    await avery.say('help');
    const card = await avery.expectCard('What I can do for you');
    await card.expectLine('What I can do for you');
    await card.expectLine('help');
    await card.expectLine('my roles');
    await card.expectButtons(['my roles']);
    await avery.shot('help-card');
  });

  test('avery sees her roles and refreshes them', async () => {
    const avery = await e2e.chatAs('avery');
    await avery.say('my roles');
    const card = await avery.expectCard('Your roles');
    await card.expectLine('Global admin');
    await card.expectLine('assign Visual Studio seats');
    await card.expectButtons(['Refresh']);
    await avery.shot('roles-card');

    const refreshed = await card.execute('Refresh');
    await refreshed.expectText('Your roles');
    await refreshed.expectLine('Global admin');
    await refreshed.expectLine('assign Visual Studio seats');
    expect(await refreshed.cardsInBubble()).toBe(1);
    await avery.shot('roles-refreshed');
  });

  test('eli, an employee, sees no admin role', async () => {
    const eli = await e2e.chatAs('eli');
    await eli.say('my roles');
    const card = await eli.expectCard('Your roles');
    await card.expectLine('Employee (no admin role)');
    await card.expectNoLine('Global admin');
    await card.expectNoText('assign Visual Studio seats');
    await eli.shot('roles-card');
  });

  test("eli presses the help card's my roles button", async () => {
    const eli = await e2e.chatAs('eli');
    await eli.say('help');
    const help = await eli.expectCard('What I can do for you');
    await help.expectButtons(['my roles']);
    await help.press('my roles');
    const roles = await eli.expectCard('Your roles');
    await roles.expectLine('Employee (no admin role)');
    await eli.shot('roles-from-button');
  });
});
