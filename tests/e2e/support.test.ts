import { E2E, type Card } from './harness';

/**
 * Issue 7 in the Agents Playground: Dana (MPN partner admin) activates a technical benefit and,
 * once processing is complete, sees its Access ID and Contract ID; a Go-To-Market offer cannot
 * be activated until she sets a valid marketing contact, then goes Pending → Active with its expiry.
 * Local mode: the "Complete …" button (shown only in local mode) stands in for the days of processing.
 */

let e2e: E2E;

beforeAll(async () => {
  e2e = await E2E.start();
}, 120_000);

afterAll(async () => {
  await e2e?.stop();
}, 60_000);

describe('technical support and Go-To-Market', () => {
  test('dana activates presales and, once complete, sees the access and contract ids', async () => {
    const dana = await e2e.chatAs('dana');
    await dana.say('activate support');
    const card = await dana.expectCard('Technical support benefits');
    await card.expectLine('Presales and deployment advisory hours');
    await card.expectText('Access ID AID-4411223-01');
    await dana.shot('support-card');

    const pending = await card.execute('Activate Presales and deployment advisory hours');
    await pending.expectText('Presales and deployment advisory hours: activation requested');
    await pending.expectText('Pending');
    await pending.expectText('The Access ID and Contract ID appear here once processing is complete.');
    // Completing by hand is the local demo's: the note under the button says so.
    await pending.expectText('Local demo only: Complete makes it active now');
    await pending.shot('pending');

    const active = await pending.execute('Complete Presales and deployment advisory hours');
    await active.expectText('is now active');
    const { accessId, contractId } = await presalesIds(e2e);
    await active.expectText(`Access ID ${accessId}`);
    await active.expectText(`Contract ID ${contractId}`);
    await active.shot('active-with-ids');

    // Every user of the organisation may see them: Eli, an employee, asks too.
    const eli = await e2e.chatAs('eli');
    await eli.say('support');
    const seen = await eli.expectCard('Technical support benefits');
    await seen.expectText(`Access ID ${accessId}`);
    await seen.expectNoText('Complete now');
    await seen.expectNoText('Local demo only');
    await eli.shot('employee-sees-ids');
  });

  test('dana cannot activate a go-to-market offer until she sets a valid marketing contact', async () => {
    const dana = await e2e.chatAs('dana');
    await dana.say('go-to-market');
    const offers = await dana.expectCard('Go-To-Market offers');
    await offers.expectText('No marketing contact yet');
    const refusal = await offers.executeForNotice('Activate Silver core Go-To-Market benefits');
    expect(refusal).toContain('Set the company marketing contact before activating');
    await dana.shot('refused-without-contact');

    await dana.say('marketing contact');
    const form = await dana.expectCard('Company marketing contact');
    await choose(form, 0, 'Dana Zhou (dana.zhou@contoso.example)');
    await form.root.locator('input[type="email"]').fill('partners@contoso.example');
    await form.root.locator('input[type="tel"]').fill('+86 21 5555 0100');
    await choose(form, 1, 'Simplified Chinese');
    await form.press('Save contact');
    const again = await dana.expectCard('Please fix the following');
    await again.expectText('Use an email address other than the partner account’s');
    await dana.shot('same-email-refused');

    await again.root.locator('input[type="email"]').fill('marketing@contoso.example');
    await again.press('Save contact');
    const saved = await dana.expectCard('Marketing contact saved: Dana Zhou.');
    // The number as Dana typed it (stored normalised as +862155550100 for comparison).
    await saved.expectText('+86 21 5555 0100');
    await saved.expectNoText('+862155550100');
    await saved.expectText('Simplified Chinese');
    await dana.shot('contact-saved');

    const pending = await saved.execute('Activate Silver core Go-To-Market benefits');
    await pending.expectText('Silver core Go-To-Market benefits: activation requested');
    await pending.expectText('Pending');
    await pending.expectText('Local demo only: Complete makes the offer active now');
    await dana.shot('offer-pending');

    const active = await pending.execute('Complete Silver core Go-To-Market benefits');
    const doc = (await e2e.bot.app.store.repos.benefits.get(CONTOSO, 'benefit:gtm-silver-core'))?.doc;
    expect(doc?.details).toMatchObject({ status: 'active' });
    const expires = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(doc?.expiresOn ?? ''),
    );
    await active.expectText(`Silver core Go-To-Market benefits is now active, until ${expires}`);
    await active.expectText(`Active ${expires}`);
    await active.shot('offer-active');
  });
});

const CONTOSO = 'd0c0ffee-0000-4000-8000-000000000001';

async function presalesIds(e: E2E): Promise<{ accessId: string; contractId: string }> {
  const doc = (await e.bot.app.store.repos.benefits.get(CONTOSO, 'benefit:presales'))?.doc;
  const d = doc?.details as { accessId?: string; contractId?: string } | undefined;
  if (!d?.accessId || !d.contractId) throw new Error('presales has no ids after completion');
  return { accessId: d.accessId, contractId: d.contractId };
}

/** Picks an option of the card's n-th Input.ChoiceSet (the Playground renders a Fluent combobox; its list opens in a popup). */
async function choose(card: Card, n: number, option: string): Promise<void> {
  await card.root.locator('input[role="combobox"]').nth(n).click();
  await card.chat.page.getByRole('option', { name: option, exact: true }).click();
}
