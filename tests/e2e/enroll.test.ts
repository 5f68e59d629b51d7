import type { Locator } from 'playwright-core';
import { memberId } from '../../src/domain/model';
import { E2E, type Card } from './harness';

/**
 * Issue 6 in the Agents Playground: Gale (Fabrikam) enrols end to end in Chinese; Bo grants Dana
 * a role and Dana is told in her own chat; an expired membership blocks a write (granting a role)
 * with a clear message while reading still works.
 */

const CONTOSO = 'd0c0ffee-0000-4000-8000-000000000001';

let e2e: E2E;

beforeAll(async () => {
  e2e = await E2E.start();
}, 120_000);

afterAll(async () => {
  await e2e?.stop();
}, 60_000);

/** An input of a card by its label (Adaptive Cards label their inputs with aria-labelledby). */
const field = (card: Card, label: string): Locator => card.root.getByLabel(label, { exact: true });

describe('enrolment, roles and an expired membership', () => {
  test('gale enrols fabrikam end to end in chinese', async () => {
    const gale = await e2e.chatAs('gale');
    await gale.say('说中文');
    await gale.expectReply('从现在起我用中文和你交流');

    await gale.say('注册');
    const form = await gale.expectCard('为 Fabrikam Solutions 注册合作伙伴网络');
    await form.expectText('d0c0ffee-0000-4000-8000-000000000002');
    await form.expectText('Gale Ito（全局管理员）');
    await field(form, '法定公司名称').fill('Fabrikam Solutions Ltd.');
    await field(form, '街道地址').fill('88 Century Avenue');
    await field(form, '城市').fill('Shanghai');
    await field(form, '邮政编码').fill('200120');
    await field(form, '国家或地区').fill('China');
    await field(form, '联系人姓名').fill('Gale Ito');
    await field(form, '企业电子邮件').fill('gale.ito@fabrikam.example');
    await gale.shot('details-filled');
    await form.press('继续');

    const codeCard = await gale.expectCard('确认主要联系人的电子邮件');
    const code = /\b(\d{6})\b/.exec(await codeCard.text())?.[1];
    expect(code).toMatch(/^\d{6}$/);
    await codeCard.expectText('本地模式：不会发送电子邮件');
    await gale.shot('code-shown-locally');
    await field(codeCard, '确认码').fill(code ?? '');
    await codeCard.press('确认');

    const agreement = await gale.expectCard('合作伙伴网络协议（版本 2026-01）');
    await agreement.root.getByText('我确认我有权代表 Fabrikam Solutions Ltd. 签署法律协议。').click();
    await agreement.root.getByText('我接受合作伙伴网络协议（版本 2026-01）。').click();
    await gale.shot('agreement');
    await agreement.press('接受并继续');

    const adminAgent = await gale.expectCard('管理员代理组');
    await adminAgent.press('添加我');
    const status = await gale.expectCard('合作伙伴网络成员身份');
    await status.expectText('审核中');
    await status.expectButtons(['标记审核完成（演示）']);
    await gale.shot('under-review');

    const active = await status.execute('标记审核完成（演示）');
    await active.expectText('有效');
    await active.expectText('Action Pack 订阅');
    await active.shot('active');
    const member = await e2e.bot.app.store.repos.members.get(
      'd0c0ffee-0000-4000-8000-000000000002',
      memberId('a1000000-0000-4000-8000-000000000001'),
    );
    expect(member?.doc.roles).toEqual(['GlobalAdmin', 'AdminAgent']);
  });

  test('bo gives dana a role and dana is told in her chat', async () => {
    const dana = await e2e.chatAs('dana');
    await dana.say('my roles');
    await dana.expectCard('Your roles');
    await dana.markTurn();

    const bo = await e2e.chatAs('bo');
    await bo.say('who are the admins');
    const card = await bo.expectCard('Roles in Contoso Partner Ltd.');
    await card.expectText(/User management admin\s+Bo Li/);
    await choose(card, 0, 'Dana Zhou (dana.zhou@contoso.example)');
    await choose(card, 1, 'User management admin');
    await bo.shot('choosing');
    const done = await card.execute('Grant');
    await done.expectText('Dana Zhou now holds the User management admin role.');
    await done.expectText('Dana Zhou was told in their chat with me.');
    await done.shot('granted');

    await dana.expectReply('In Contoso Partner Ltd., Bo Li gave you the User management admin role.');
    await dana.shot('dana-told');
  });

  test('a lapsed membership refuses benefit acts and still shows the card; within 30 days it keeps working and renews', async () => {
    const repo = e2e.bot.app.store.repos.memberships;
    const setAnniversary = async (daysAgo: number) => {
      const current = await repo.get(CONTOSO, 'membership');
      if (!current) throw new Error('Contoso has no membership');
      const on = new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
      await repo.replace({ ...current.doc, expiresOn: on }, current.etag);
    };

    // More than 30 days after the anniversary: lapsed.
    await setAnniversary(40);
    const eli = await e2e.chatAs('eli');
    await eli.say('request visual studio');
    await eli.expectReply('membership has lapsed');
    await eli.shot('request-refused-lapsed');
    const requests = await e2e.bot.app.store.repos.seatRequests.list(CONTOSO);
    expect(requests.filter((r) => r.doc.requester === 'e0000000-0000-4000-8000-000000000001')).toEqual([]);

    const avery = await e2e.chatAs('avery');
    await avery.say('membership');
    const lapsed = await avery.expectCard('Partner-network membership');
    await lapsed.expectText('The membership lapsed');
    await avery.shot('lapsed-membership');

    // Ten days after the anniversary: everything works, with "renew now", and renewal is open.
    await setAnniversary(10);
    await avery.say('membership');
    const due = await avery.expectCard('Renew now');
    await due.expectText('Active: renew now');
    await avery.shot('renew-now');
    const renewed = await due.execute((await due.buttons()).find((b) => b.startsWith('Renew until')) ?? '');
    await renewed.expectText('Renewed');
    await renewed.shot('renewed');
  });
});

/** Picks an option of the n-th choice set of a card (the Playground renders Fluent comboboxes). */
async function choose(card: Card, index: number, title: string): Promise<void> {
  await card.root.getByRole('combobox').nth(index).click();
  await card.chat.page.getByRole('option', { name: title, exact: true }).click();
}
