import { SeatService } from '../../src/domain/seats';
import { conversation } from '../support/conversation';
import { AVERY, CONTOSO, ELI, FANG } from '../support/people';
import { seedWithOnePool } from '../support/seedFixtures';
import { startMemoryApp, type MemoryTestApp } from '../support/testApp';

/** Issue 20, item 3: what the admin already said is not asked again; a name is never guessed. */
describe('assigning a seat with the details said up front', () => {
  let t: MemoryTestApp;
  const { say, lastReply } = conversation(() => t);
  const heroText = (a: Record<string, unknown>) =>
    (a.attachments as { content: { text: string } }[] | undefined)?.[0]?.content.text ?? String(a.text);
  const seatsOf = async (aadObjectId: string) =>
    (await t.app.store.repos.seatAssignments.list(CONTOSO)).filter((a) => a.doc.assignee === aadObjectId);

  beforeAll(async () => {
    t = await startMemoryApp({ SEED_FILE: seedWithOnePool() });
    // Fang's seat (assigned 100 days ago) is released, so Fang can be given one again.
    const seats = new SeatService(t.app.store.repos, t.app.services.audit, t.app.services.clock);
    const [fangs] = await seatsOf(FANG.aadObjectId);
    await seats.release(
      { tenantId: CONTOSO, aadObjectId: AVERY.aadObjectId, roles: ['GlobalAdmin'] },
      fangs.doc.id,
    );
  });
  afterAll(() => t.stop());

  it('goes straight to the confirmation when Avery says "give Fang a Visual Studio seat"', async () => {
    const confirm = await lastReply(AVERY, 'give Fang a Visual Studio seat');
    expect(heroText(confirm)).toBe('Assign a Visual Studio Enterprise seat to Fang Wu?');
    expect(await seatsOf(FANG.aadObjectId)).toHaveLength(0);
    await lastReply(AVERY, 'No');
    expect(await seatsOf(FANG.aadObjectId)).toHaveLength(0);
  });

  it('matches the Chinese name of a person who has one and asks in Chinese', async () => {
    const confirm = await lastReply(AVERY, '把 Visual Studio 席位分配给吴芳', 'zh-CN');
    expect(heroText(confirm)).toContain('Fang Wu');
    expect(heroText(confirm)).toContain('确定将一个 Visual Studio Enterprise 席位分配给');
    await lastReply(AVERY, 'cancel');
  });

  it('assigns only after the confirmation', async () => {
    await lastReply(AVERY, 'give Fang a Visual Studio seat');
    const done = await lastReply(AVERY, 'Yes');
    expect(String(done.text)).toContain('Fang Wu has seat');
    expect(await seatsOf(FANG.aadObjectId)).toHaveLength(1);
  });

  it('says so when the named person already has a seat, and asks who instead', async () => {
    const replies = await say(AVERY, 'give Fang a Visual Studio seat', { settleMs: 100 });
    expect(replies.map(heroText).join('\n')).toContain('Fang Wu already has a Visual Studio Enterprise seat');
    expect(heroText(replies.at(-1) ?? {})).toBe('Who should get the seat?');
    await lastReply(AVERY, 'cancel');
  });

  it('asks back about a name nobody in the directory has, and assigns nobody', async () => {
    const before = (await t.app.store.repos.seatAssignments.list(CONTOSO)).length;
    const replies = await say(AVERY, 'give Zoltan a Visual Studio seat', { settleMs: 100 });
    const texts = replies.map(heroText).join('\n');
    expect(texts).toContain('I found nobody called “Zoltan” in the directory');
    expect(heroText(replies.at(-1) ?? {})).toBe('Who should get the seat?');
    await lastReply(AVERY, 'cancel');
    expect(await t.app.store.repos.seatAssignments.list(CONTOSO)).toHaveLength(before);
  });

  it('still refuses an employee who names someone', async () => {
    const reply = await lastReply(ELI, 'give Fang a Visual Studio seat');
    expect(String(reply.text)).toContain('you need the Global admin role');
  });

  it('asks before setting the reminder days from "remind us 14 and 3 days before", then sets them', async () => {
    const before = (await t.app.services.directory.tenant(CONTOSO))?.noticeThresholds;
    const ask = await lastReply(AVERY, 'remind us 14 and 3 days before');
    const card = JSON.stringify(ask.attachments ?? []);
    expect(card).toContain('Do you want reminders 14, 3 days before things expire?');
    expect(card).toContain('reminder days 14 3');
    expect((await t.app.services.directory.tenant(CONTOSO))?.noticeThresholds).toEqual(before);
    // "Yes" sends the exact command phrase with the days.
    const reply = await lastReply(AVERY, 'reminder days 14 3');
    expect(String(reply.text)).toContain('Reminders will now go out 14, 3 days before expiry');
    expect((await t.app.services.directory.tenant(CONTOSO))?.noticeThresholds).toEqual([14, 3]);
  });
});
