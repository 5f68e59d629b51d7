import { memberId } from '../../../src/domain/model';
import { SeatService } from '../../../src/domain/seats';
import { conversation } from '../../support/conversation';
import { AVERY, CONTOSO, ELI } from '../../support/people';
import { seedWithOnePool } from '../../support/seedFixtures';
import { startMemoryApp, type MemoryTestApp } from '../../support/testApp';

/**
 * A seat request's answer says whether an approver can be reached, judged from the approvers'
 * member documents alone (no read of each chat in the turn): a chat the bot has lost must
 * therefore come off the member document, and come back when the approver writes again.
 */
describe('who a seat request reaches when the only approver’s chat is gone', () => {
  let t: MemoryTestApp;
  const { lastReply } = conversation(() => t);
  const toAvery = (from: number) =>
    t.connector.calls
      .slice(from)
      .filter((c) => decodeURIComponent(c.path).includes(`a:personal-${AVERY.aadObjectId}`));
  const seats = () => new SeatService(t.app.store.repos, t.app.services.audit, t.app.services.clock);
  /** Avery declines Eli's open request, so Eli may ask again. */
  const declineEli = async () => {
    const open = (await seats().pendingRequests(CONTOSO)).find((r) => r.requester === ELI.aadObjectId);
    if (!open) throw new Error('Eli has no open request');
    await seats().reject(
      { tenantId: CONTOSO, aadObjectId: AVERY.aadObjectId, roles: ['GlobalAdmin'] },
      AVERY.name,
      open.id,
      'ask again',
    );
    await t.app.services.background.drain();
  };
  const averyChat = async () =>
    (await t.app.store.repos.members.get(CONTOSO, memberId(AVERY.aadObjectId)))?.doc.personalConversationId;

  beforeAll(async () => {
    t = await startMemoryApp({ SEED_FILE: seedWithOnePool() });
    await lastReply(AVERY, 'help');
  });
  afterAll(() => t.stop());

  it('takes the chat off Avery’s member document when Teams says the bot is gone from it (403)', async () => {
    expect(await averyChat()).toBe(`a:personal-${AVERY.aadObjectId}`);
    t.connector.fault = (call) =>
      decodeURIComponent(call.path).includes(`a:personal-${AVERY.aadObjectId}`) ? { status: 403 } : undefined;
    await lastReply(ELI, 'request visual studio');
    const answer = await lastReply(ELI, 'Building the Azure migration samples for a customer');
    // Avery's chat was still recorded when Eli asked: the card is tried, and Teams refuses it.
    expect(String(answer.text)).toContain('sent to your approvers');
    await t.app.services.background.drain();
    expect(await averyChat()).toBeUndefined();
    const ref = await t.app.store.repos.conversationRefs.get(CONTOSO, `conv:a:personal-${AVERY.aadObjectId}`);
    expect(ref?.doc.active).toBe(false);
  });

  it('tells the next request that no approver can be reached yet, and posts nothing', async () => {
    t.connector.fault = undefined;
    await declineEli();
    const before = t.connector.calls.length;
    await lastReply(ELI, 'request visual studio');
    const answer = await lastReply(ELI, 'Testing the partner demo environment');
    expect(String(answer.text)).toContain('None of your Global admins has the bot installed yet');
    await t.app.services.background.drain();
    expect(toAvery(before)).toHaveLength(0);
  });

  it('reaches Avery again once Avery writes to the bot', async () => {
    await lastReply(AVERY, 'help');
    expect(await averyChat()).toBe(`a:personal-${AVERY.aadObjectId}`);
    const ref = await t.app.store.repos.conversationRefs.get(CONTOSO, `conv:a:personal-${AVERY.aadObjectId}`);
    expect(ref?.doc.active).toBe(true);
    await declineEli();
    const before = t.connector.calls.length;
    await lastReply(ELI, 'request visual studio');
    const answer = await lastReply(ELI, 'The customer workshop next week');
    expect(String(answer.text)).toContain('sent to your approvers');
    await t.app.services.background.drain();
    expect(toAvery(before).length).toBeGreaterThanOrEqual(1);
  });
});
