import { Card, E2E } from './harness';

/**
 * Rules that guard licences, walked in the Playground: a released seat stays reserved for its
 * 90 days (the pools card says until when); a cancelled package's benefits are withdrawn.
 */

const INVOKE_NOTICE = '[aria-label="Display Invoked Message"]';

/**
 * Presses `title` in the item of `card` that shows `itemText`; returns what the bubble then
 * shows (the answer card, or the message, and the Playground's notice).
 */
async function pressIn(card: Card, itemText: string, title: string): Promise<string> {
  const notice = card.bubble.locator(INVOKE_NOTICE);
  if ((await notice.count()) > 0) {
    await notice.getByRole('button', { name: 'Dismiss Invoke Message' }).click();
    await notice.waitFor({ state: 'detached' });
  }
  await card.root
    .locator('.ac-container')
    .filter({ hasText: itemText })
    .filter({ has: card.root.page().getByRole('button', { name: title, exact: true }) })
    .last()
    .getByRole('button', { name: title, exact: true })
    .click();
  await notice.waitFor({ state: 'visible', timeout: 15_000 });
  return (await card.bubble.innerText()).replace(/\s+/g, ' ');
}

let e2e: E2E;

beforeAll(async () => {
  e2e = await E2E.start();
}, 120_000);

afterAll(async () => {
  await e2e?.stop();
}, 60_000);

test('avery releases the seat Casey got 10 days ago: it stays reserved until its 90 days are over', async () => {
  const avery = await e2e.chatAs('avery');
  await avery.say('seats');
  const pools = await avery.expectCard('Visual Studio subscriptions');
  await pools.expectText('2 of 10 used');
  const after = await pools.execute('Release seat 2');
  await after.expectText('Reserved (released from Casey Wong');
  await after.expectText('can be given to someone else from');
  await after.expectText('1 reserved');
  await avery.shot('seat-reserved');
}, 240_000);

test('dana cancels the 12-day-old add-on package: a Visio key asked for from an older card is withdrawn', async () => {
  const dana = await e2e.chatAs('dana');
  // A card opened before the cancellation still carries its buttons.
  await dana.say('benefits');
  const summary = await dana.expectCard('Administrator view');
  const software = await summary.execute('Open software');
  await software.expectText('Visio Professional 2021');

  await dana.say('cancel package');
  const packages = await dana.expectCard('Benefit packages');
  const confirm = await packages.executeIn('Silver add-on: analytics and diagrams', 'Cancel this package');
  await confirm.expectText('Cancel this package?');
  const done = await confirm.execute('Yes, cancel and request a refund');
  await done.expectText(
    'Silver add-on: analytics and diagrams is cancelled and a refund has been requested.',
  );

  // Get keys on the older card: the list comes back with Visio marked cancelled, no key shown.
  const answer = await pressIn(software, 'Visio Professional 2021', 'Get keys');
  expect(answer).toContain(
    'Visio Professional 2021 Cancelled: its package Silver add-on: analytics and diagrams was cancelled on',
  );
  expect(answer).toContain('this benefit is withdrawn');
  expect(answer).not.toContain('9H9QR');
  await dana.shot('package-withdrawn');
}, 300_000);
