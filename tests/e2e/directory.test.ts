import { TEAM } from '../../src/cli/playground';
import { E2E, type Card, type PlaygroundAs } from './harness';

/**
 * The directory in the Playground: a Global admin removes a person (the confirmation says what
 * becomes of their seat), adds them back from the team's roster (Teams' paged members, served by
 * the Playground), and gives them a Visual Studio seat.
 */

let e2e: E2E;

beforeAll(async () => {
  e2e = await E2E.start();
}, 120_000);

afterAll(async () => {
  await e2e?.stop();
}, 60_000);

async function choose(card: Card, index: number, title: string): Promise<void> {
  await card.root.getByRole('combobox').nth(index).click();
  await card.chat.page.getByRole('option', { name: title, exact: true }).click();
}

/**
 * What Teams sends when someone adds the bot to a team: a conversationUpdate in the team's General
 * channel whose membersAdded holds the bot. The Playground sends its install events to the
 * personal chat only, so the journey posts this one itself (as "Mock an Activity" would).
 */
async function addBotToTeam(playground: PlaygroundAs): Promise<void> {
  // The Playground's own "bot added to a team" template (its "Mock an Activity" menu uses it).
  const query = new URLSearchParams({ conversationId: TEAM.id, type: 'botAdded' });
  const res = await fetch(`${playground.url}/_internal/v1/customActivities/template?${query.toString()}`);
  if (!res.ok) throw new Error(`template: ${res.status} ${await res.text()}`);
  const template = (await res.json()) as Record<string, unknown>;
  const posted = await fetch(`${playground.url}/_internal/v1/customActivities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...template,
      id: `e2e-install-${Date.now()}`,
      timestamp: new Date().toISOString(),
    }),
  });
  if (!posted.ok) throw new Error(`customActivities: ${posted.status} ${await posted.text()}`);
}

test('avery removes fang, adds her back from the team roster and assigns her a seat', async () => {
  const avery = await e2e.chatAs('avery');
  await addBotToTeam(avery.playground);
  // Adding the bot to the team read its roster into the directory; give the bot a moment.
  await new Promise((r) => setTimeout(r, 1000));
  await avery.say('people');
  const people = await avery.expectCard('People of Contoso Partner Ltd.');
  await people.expectText('Fang Wu');
  await people.expectButtons(['Show its members', 'Add', 'Remove…']);
  await avery.shot('directory');

  // Removing Fang says what becomes of her seat before anything happens.
  await choose(people, 1, 'Fang Wu (fang.wu@contoso.example)');
  const confirm = await people.execute('Remove…');
  await confirm.expectText('Remove Fang Wu from the directory?');
  await confirm.expectText('Visual Studio seat 1 of Visual Studio Enterprise is released');
  await avery.shot('remove-confirmation');
  const removed = await confirm.execute('Remove');
  await removed.expectText('Fang Wu was removed from the directory.');

  // The team's roster (read from Teams) offers her again; she is added from it.
  const roster = await removed.execute('Show its members');
  await roster.expectText('Members of Contoso Partners who are not in the directory');
  // Dismissing the "sent to the app" notice re-renders the card: do it before choosing.
  await roster.root.page().getByRole('button', { name: 'Dismiss Invoke Message' }).first().click();
  await roster.root.getByRole('checkbox', { name: /Fang Wu/ }).check();
  await avery.shot('roster');
  const added = await roster.execute('Add to the directory');
  await added.expectText('Added to the directory: Fang Wu.');
  await added.expectText('type assign seat');
  await avery.shot('added');

  // A Global admin can now give her a seat.
  await avery.markTurn();
  await avery.say('assign seat');
  // Two pools (the add-on package has its own): the seat comes from the Enterprise pool.
  await avery.expectReply('Which Visual Studio subscription should the seat come from?');
  await avery.markTurn();
  await avery.say('Visual Studio Enterprise (1 of 10 used)');
  await avery.expectReply('Who should get the seat?');
  await avery.say('Fang Wu');
  await avery.expectReply('Assign a Visual Studio Enterprise seat to Fang Wu?');
  await avery.say('Yes');
  await avery.expectReply(/Done: Fang Wu has seat \d+ of Visual Studio Enterprise/);
  await avery.shot('seat-assigned');
}, 240_000);
