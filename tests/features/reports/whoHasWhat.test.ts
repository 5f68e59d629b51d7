import { conversation } from '../../support/conversation';
import { AVERY, CONTOSO, DANA, ELI, FANG, GALE } from '../../support/people';
import { seedWithOnePool } from '../../support/seedFixtures';
import { cardButtons, cardOf, cardText, startMemoryApp, type MemoryTestApp } from '../../support/testApp';

/** Issue 20, item 4: the people table a new admin needs; an employee sees only their own row. */
describe('who has what', () => {
  let t: MemoryTestApp;
  const { lastReply, press, submit } = conversation(() => t);
  beforeAll(async () => {
    t = await startMemoryApp({ SEED_FILE: seedWithOnePool() });
  });
  afterAll(() => t.stop());

  it('shows Avery every person with their seat, paged, and a button to act', async () => {
    const card = cardOf(await lastReply(AVERY, 'who has what'));
    const text = cardText(card).join('\n');
    expect(text).toContain('Who has what');
    expect(text).toContain('People 1–5 of 6');
    expect(text).toContain('Casey Wong');
    expect(text).toContain('Visual Studio: Visual Studio Enterprise, seat 2');
    expect(cardButtons(card)).toEqual(
      expect.arrayContaining(['Give a Visual Studio seat', 'Manage seats', 'Next']),
    );
    const next = await press(AVERY, 'people.page', { offset: 5 });
    const second = cardText(next.value).join('\n');
    expect(second).toContain('People 6–6 of 6');
    expect(second).toContain('Fang Wu (吴芳)');
    expect(second).toContain('seat 1');
    expect(cardButtons(next.value)).toContain('Previous');
  });

  it('gives Avery a button that leads straight to "Assign … to <name>?"', async () => {
    const card = cardOf(await lastReply(AVERY, 'who has what'));
    const json = JSON.stringify(card);
    expect(json).toContain('give Bo Li a Visual Studio seat');
    const reply = (await submit(AVERY, { command: 'give Bo Li a Visual Studio seat' })).at(-1) ?? {};
    const hero = (reply.attachments as { content: { text: string } }[])[0].content;
    expect(hero.text).toBe('Assign a Visual Studio Enterprise seat to Bo Li?');
    await lastReply(AVERY, 'No');
  });

  it('offers Dana (MPN partner admin) no seat buttons: assigning is the Global admin’s', async () => {
    const card = cardOf(await lastReply(DANA, 'who has what'));
    expect(cardText(card).join('\n')).toContain('Casey Wong');
    expect(cardButtons(card)).not.toContain('Give a Visual Studio seat');
  });

  it('shows an employee only their own row, even when they page by hand', async () => {
    const card = cardOf(await lastReply(FANG, 'who has what'));
    const text = cardText(card).join('\n');
    expect(text).toContain('What you hold');
    expect(text).toContain('Fang Wu');
    expect(text).not.toContain('Casey Wong');
    expect(cardButtons(card)).toEqual([]);
    const forged = await press(ELI, 'people.page', { offset: 1 });
    const forgedText = cardText(forged.value).join('\n');
    expect(forgedText).toContain('Eli Park');
    expect(forgedText).not.toContain('Casey Wong');
  });

  it('shows another tenant only its own people', async () => {
    const text = cardText(cardOf(await lastReply(GALE, 'who has what'))).join('\n');
    expect(text).not.toContain('Casey Wong');
    expect(text).toContain('Gale Ito');
    expect((await t.app.store.repos.members.list(CONTOSO)).some((m) => text.includes(m.doc.name))).toBe(
      false,
    );
  });
});
