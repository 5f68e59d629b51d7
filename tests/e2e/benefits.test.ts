import { Card, E2E } from './harness';

/**
 * Benefits in the Playground: Eli (employee) sees his own view without keys; Dana (MPN partner
 * admin) reveals a software key after choosing language and OS, and redeems a licence key.
 * Screenshots land in tests/e2e/artifacts/.
 */

const MASKED = '•••••-•••••-•••••-•••••-•••••';
const TOP_CARD = '.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)';
const INVOKE_NOTICE = '[aria-label="Display Invoked Message"]';

let e2e: E2E;

beforeAll(async () => {
  e2e = await E2E.start();
}, 120_000);

afterAll(async () => {
  await e2e?.stop();
}, 60_000);

/**
 * Presses the button `title` of the item that shows `itemText` (a category card repeats titles
 * such as "Get keys" per product) and returns the card that replaced this one.
 */
async function executeIn(card: Card, itemText: string, title: string): Promise<Card> {
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
  return new Card(card.chat, card.bubble, card.bubble.locator(TOP_CARD).first());
}

/** Picks an option of the n-th choice set of a card (the Playground renders Fluent comboboxes). */
async function choose(card: Card, index: number, title: string): Promise<void> {
  await card.root.getByRole('combobox').nth(index).click();
  await card.chat.page.getByRole('option', { name: title, exact: true }).click();
}

describe('benefits', () => {
  test('eli, an employee, sees his own benefits with keys masked', async () => {
    const eli = await e2e.chatAs('eli');
    await eli.say('benefits');
    const summary = await eli.expectCard('Your view');
    await summary.expectLine('Software');
    await summary.expectLine('You have access');
    await summary.expectLine('No seat assigned to you');
    await summary.expectNoText('Soonest');
    await summary.expectNoButton('Packages');
    await eli.shot('summary');

    const software = await summary.execute('Open software');
    await software.expectText(`Product key: ${MASKED}`);
    await software.expectText('Avery Chen or Dana Zhou can get one for you');
    await software.expectNoButton('Get keys');
    await software.expectNoText('YQBPC');
    await software.shot('software');

    const back = await software.execute('Back');
    await back.expectText('Your view');
  });

  test('dana, an MPN partner admin, reveals a key for the language and OS she picks', async () => {
    const dana = await e2e.chatAs('dana');
    await dana.say('benefits');
    const summary = await dana.expectCard('Administrator view');
    await summary.expectText('Keys viewed for 0 of 3');
    await dana.shot('summary');

    const software = await summary.execute('Open software');
    await software.expectText('Quantity');
    await dana.markTurn();
    const list = await executeIn(software, 'SQL Server 2022 Enterprise', 'Get keys');
    await list.expectText('Choose the language and OS for SQL Server 2022 Enterprise in the new card below.');
    const pick = await dana.expectCard('Choose the language and OS of the installation');
    await pick.expectText(MASKED);
    await choose(pick, 0, 'English (United States)');
    await choose(pick, 1, 'ARM64');
    await pick.shot('pick');

    const revealed = await pick.execute('Get keys');
    await revealed.expectText('6TJ9D-VH4VT-XFWCX-V3FCX-J2RXH');
    await revealed.expectText('ARM64');
    await revealed.expectText('recorded in the audit log');
    await revealed.shot('revealed');

    const hidden = await revealed.execute('Hide key');
    await hidden.expectNoText('6TJ9D');
    await hidden.expectText(MASKED);
  });

  test('dana redeems a licence key after seeing the new end date', async () => {
    const dana = await e2e.chatAs('dana');
    await dana.say('benefits');
    const summary = await dana.expectCard('Administrator view');
    const licences = await summary.execute('Open licences');
    await licences.expectText('Key o365-k1 · 25 seats');
    await licences.shot('licences');

    const options = await licences.execute('Redeem o365-k1 (25 seats)');
    await options.expectText('New end date');
    await options.expectText('The key’s 25 seats extend the subscription by 3 months');
    await options.shot('options');

    const done = await options.execute('I redeemed it: extend the end date');
    await done.expectText('Key o365-k1 is redeemed: Office 365 E3 now has 100 seats');
    await done.expectText('redeemed by Dana Zhou');
    await done.shot('redeemed');

    // The other key: adding its 10 seats would leave less than 12 months, which the card says up front.
    const next = await done.execute('Redeem o365-k2 (10 seats)');
    await next.expectText('Redeem key o365-k2');
    await next.expectText('you will be asked to confirm once more');
  });
});
