import { readFileSync } from 'node:fs';
import { toIsoDate } from '../../../src/domain/dates';
import { planRedemption, type LicenceDetails } from '../../../src/domain/licenceTerm';
import type { Benefit } from '../../../src/domain/model';
import { seedDocuments } from '../../../src/domain/seed';
import { cardAction } from '../../support/activities';
import { CARD, conversation, MESSAGE, type InvokeBody } from '../../support/conversation';
import { AVERY, CASEY, CONTOSO, DANA, ELI, FABRIKAM, FANG, GALE } from '../../support/people';
import {
  cardActions,
  cardButtons,
  cardOf,
  cardText,
  fixedClock,
  FIXED_NOW,
  startMemoryApp,
  tenantDocuments,
  type MemoryTestApp,
} from '../../support/testApp';

/**
 * Benefits through the HTTP stack, as Teams calls the bot (channel msteams): the "benefits"
 * command and its cards, and every card action (Action.Execute) with its rules, on the in-memory
 * store.
 */

/** Every product key of the demo data: none may appear where keys are masked. */
const DEMO_KEYS = seedDocuments(
  JSON.parse(readFileSync('data/demo.json', 'utf8')),
  FIXED_NOW,
).benefits.flatMap((b) =>
  b.details.category === 'software'
    ? b.details.products.flatMap((p) => p.keys.map((k) => k.key))
    : b.details.category === 'licence'
      ? b.details.keys.map((k) => k.key)
      : [],
);

function bot(t: MemoryTestApp) {
  const { lastReply, press, card, refusal } = conversation(t, { status: 200 });
  const benefit = async (id: string, tenantId = CONTOSO): Promise<Benefit> => {
    const found = await t.app.store.repos.benefits.get(tenantId, id);
    if (!found) throw new Error(`no ${id}`);
    return found.doc;
  };
  /** Every document of a tenant but the audit trail, with its version: what "nothing changed" compares. */
  const documents = (tenantId: string) => tenantDocuments(t.app.store.repos, tenantId);
  const audits = async (tenantId = CONTOSO) =>
    (await t.app.store.repos.audit.list(tenantId)).map((a) => a.doc).sort((a, b) => a.id.localeCompare(b.id));
  return { lastReply, press, card, refusal, benefit, documents, audits };
}

const text = (card: unknown) => cardText(card).join('\n');

/* ====================================================================== views */

describe('the benefits overview', () => {
  let t: MemoryTestApp;
  let b: ReturnType<typeof bot>;
  beforeAll(async () => {
    t = await startMemoryApp();
    b = bot(t);
  });
  afterAll(async () => {
    await t.stop();
  });

  it('shows Eli, an employee, his own view by category without any key or admin detail', async () => {
    const card = cardOf(await b.lastReply(ELI, 'benefits'));
    const shown = text(card);
    expect(shown).toContain('Your view: what is assigned to you');
    for (const group of [
      'Software',
      'Azure & cloud: usage-based (Azure credit)',
      'Azure & cloud: licence-based subscriptions',
      'Visual Studio subscriptions',
      'Technical benefits',
      'Go-To-Market offers',
    ])
      expect(cardText(card)).toContain(group);
    expect(shown).toContain('You have access');
    expect(shown).toContain('No seat assigned to you');
    expect(shown).not.toContain('Soonest');
    expect(cardButtons(card)).not.toContain('Packages');
    for (const key of DEMO_KEYS) expect(JSON.stringify(card)).not.toContain(key);
  });

  it('leaves no conversation in progress after showing the card', async () => {
    await b.lastReply(ELI, 'benefits');
    expect(String((await b.lastReply(ELI, 'cancel')).text)).toContain('There is nothing to cancel.');
  });

  it('answers "my benefits" and the Chinese commands in Chinese', async () => {
    expect(cardText(cardOf(await b.lastReply(ELI, 'my benefits')))).toContain('Benefits');
    const zh = text(cardOf(await b.lastReply(ELI, '权益', 'zh-CN')));
    expect(zh).toContain('你的视图');
    expect(zh).toContain('软件');
    expect(text(cardOf(await b.lastReply(ELI, '我的权益', 'zh-CN')))).toContain('Visual Studio 订阅');
  });

  it('shows Dana, an MPN partner admin, counts, status, soonest expiry and the packages', async () => {
    const card = cardOf(await b.lastReply(DANA, 'benefits'));
    const shown = text(card);
    expect(shown).toContain('Administrator view');
    expect(shown).toContain('Keys viewed for 0 of 3');
    // Both pools: the Enterprise pool's 2 of 10 and the add-on package's Professional pool's 0 of 5.
    expect(shown).toContain('2 of 15 seats in use');
    expect(shown).toMatch(/Soonest: Nov 25, 2026 \(tomorrow\)/);
    expect(shown).toContain('Silver add-on: analytics and diagrams · Silver · active');
    expect(cardButtons(card)).toEqual(
      expect.arrayContaining(['Open software', 'Open licences', 'Packages', 'Refresh']),
    );
  });

  it('drills into a category and back, with keys masked for the employee', async () => {
    const software = await b.card(ELI, 'benefits.category', { category: 'software' });
    const shown = text(software);
    expect(shown).toContain('SQL Server 2022 Enterprise');
    expect(shown).toContain('Product key: •••••-•••••-•••••-•••••-•••••');
    expect(shown).toContain('Avery Chen or Dana Zhou can get one for you');
    expect(shown).toContain('Note: Choose Enterprise edition in the installer and enter the key.');
    expect(shown).not.toContain('Quantity');
    expect(cardButtons(software)).toEqual(['Download', 'Download', 'Download', 'Back']);
    for (const key of DEMO_KEYS) expect(JSON.stringify(software)).not.toContain(key);
    const back = JSON.stringify(software).includes('"verb":"benefits.summary"');
    expect(back).toBe(true);
    expect(cardText(await b.card(ELI, 'benefits.summary', {}))).toContain('Benefits');
  });

  it('gives admins quantities, offer and benefit types and expiry, and a Get keys button', async () => {
    const software = await b.card(DANA, 'benefits.category', { category: 'software' });
    const shown = text(software);
    expect(shown).toContain('Quantity: 2');
    expect(shown).toContain('Offer type: Silver');
    expect(shown).toContain('Benefit type: core');
    expect(shown).toContain('Keys: not viewed yet');
    expect(cardButtons(software).filter((x) => x === 'Get keys')).toHaveLength(3);
    for (const key of DEMO_KEYS) expect(JSON.stringify(software)).not.toContain(key);
  });

  it('shows an employee only the Azure credit assigned to him', async () => {
    const eli = text(await b.card(ELI, 'benefits.category', { category: 'azureCredit' }));
    expect(eli).toContain('Azure monthly credit');
    expect(eli).toContain('You have access to this Azure credit.');
    expect(eli).not.toContain('bulk');
    const fang = await b.card(FANG, 'benefits.category', { category: 'azureCredit' });
    expect(text(fang)).toContain('Nothing in this category is assigned to you.');
  });

  it('shows Visual Studio pool usage to admins and each person their own seat', async () => {
    expect(text(await b.card(AVERY, 'benefits.category', { category: 'visualStudio' }))).toContain(
      'Seats in use: 2 of 10',
    );
    const casey = text(await b.card(CASEY, 'benefits.category', { category: 'visualStudio' }));
    expect(casey).toContain('Your seat: number 2');
    expect(casey).not.toContain('Seats in use');
    expect(text(await b.card(ELI, 'benefits.category', { category: 'visualStudio' }))).toContain(
      'You have no seat in this pool.',
    );
  });

  it('shows everyone the Access ID and Contract ID of an active technical benefit', async () => {
    const shown = text(await b.card(ELI, 'benefits.category', { category: 'technical' }));
    expect(shown).toContain('Access ID: AID-4411223-01');
    expect(shown).toContain('Contract ID: CID-88412097');
    expect(shown).not.toContain('Allowance');
  });

  it('lists licence keys masked, with redeem buttons for admins only', async () => {
    const dana = await b.card(DANA, 'benefits.category', { category: 'licence' });
    expect(text(dana)).toContain('Key o365-k1 · 25 seats · •••••-•••••-•••••-•••••-••••• · not redeemed');
    expect(cardButtons(dana)).toContain('Redeem o365-k1 (25 seats)');
    const eli = await b.card(ELI, 'benefits.category', { category: 'licence' });
    expect(text(eli)).toContain('Subscription: active until');
    expect(text(eli)).not.toContain('o365-k1');
    expect(cardButtons(eli)).toEqual(['Back']);
  });

  it('gives an admin the seat pools, assigning and the waiting requests on the Visual Studio card; an employee only Back', async () => {
    const avery = await b.card(AVERY, 'benefits.category', { category: 'visualStudio' });
    expect(cardButtons(avery)).toEqual(['Seats and holders', 'Assign a seat', 'Requests waiting', 'Back']);
    const sent = cardActions(avery).map((a) => a.data.command);
    expect(sent).toEqual(expect.arrayContaining(['seats', 'assign seat', 'pending approvals']));
    // Each button runs the command it names.
    const pools = cardOf(await b.lastReply(AVERY, 'seats'));
    expect(text(pools)).toContain('Visual Studio subscriptions');
    const eli = await b.card(ELI, 'benefits.category', { category: 'visualStudio' });
    expect(cardButtons(eli)).toEqual(['Back']);
  });

  it('shows the packages with their cancellation window through "cancel package"', async () => {
    const card = cardOf(await b.lastReply(DANA, 'cancel package'));
    const shown = text(card);
    expect(shown).toContain('Benefit packages');
    expect(shown).toContain('The 30 days to cancel it ended on');
    expect(shown).toContain('Can be cancelled for a refund until Dec 12, 2026 if nothing in it is used.');
    // One button per active package, right under its name (a short title that fits the narrow
    // Teams column), each cancelling its own package.
    const items = ((card?.body ?? []) as { items?: unknown[] }[]).filter((x) => Array.isArray(x.items));
    const cancelOf = (name: string) =>
      items
        .filter((x) => text(x).startsWith(name))
        .flatMap((x) => [...JSON.stringify(x).matchAll(/"packageId":"([^"]+)"/g)].map((m) => m[1]));
    expect(cardButtons(card).filter((x) => x.startsWith('Cancel '))).toEqual([
      'Cancel this package',
      'Cancel this package',
    ]);
    expect(cancelOf('Silver competency core benefits (Application Development)')).toEqual([
      'package:silver-core',
    ]);
    expect(cancelOf('Silver add-on: analytics and diagrams')).toEqual(['package:silver-addon']);
  });

  it('tells an employee who types "cancel package" which role it needs and who has it', async () => {
    const reply = await b.lastReply(ELI, 'cancel package');
    expect(String(reply.text)).toContain(
      'To cancel a benefit package you need the Global admin or MPN partner admin role.',
    );
    expect(String(reply.text)).toContain('Avery Chen or Dana Zhou can do it for you.');
  });

  it('keeps Fabrikam apart: Gale sees Fabrikam’s benefits only', async () => {
    const shown = text(await b.card(GALE, 'benefits.category', { category: 'software' }));
    expect(shown).toContain('Windows 11 Pro');
    expect(shown).not.toContain('SQL Server');
  });
});

/* ====================================================================== employees are refused */

describe('every benefits action pressed by an employee', () => {
  let t: MemoryTestApp;
  let b: ReturnType<typeof bot>;
  beforeAll(async () => {
    t = await startMemoryApp();
    b = bot(t);
    await b.lastReply(ELI, 'help'); // first contact settles Eli's directory entry
  });
  afterAll(async () => {
    await t.stop();
  });

  const cases: [string, Record<string, unknown>, string, string][] = [
    [
      'software.revealKeys',
      { benefitId: 'benefit:sql-server', productId: 'sql2022-ent', language: 'en-US', osType: 'x64' },
      'To reveal software product keys you need the Global admin or MPN partner admin role. Avery Chen or Dana Zhou can do it for you.',
      '要查看软件产品密钥，你需要“全局管理员”或“MPN 合作伙伴管理员”角色。',
    ],
    [
      'credit.addUser',
      { benefitId: 'benefit:azure-monthly', person: FANG.aadObjectId },
      'To add people to Azure credit you need the Global admin role. Avery Chen can do it for you.',
      '要为人员添加 Azure 额度，你需要“全局管理员”角色。',
    ],
    [
      'credit.removeUser',
      { benefitId: 'benefit:azure-monthly', person: ELI.aadObjectId },
      'To remove people from Azure credit you need the Global admin role.',
      '要移除人员的 Azure 额度，你需要“全局管理员”角色。',
    ],
    [
      'credit.transfer',
      { benefitId: 'benefit:azure-bulk', person: ELI.aadObjectId },
      'To transfer bulk Azure credit you need the Global admin role.',
      '要转移批量 Azure 额度，你需要“全局管理员”角色。',
    ],
    [
      'license.options',
      { benefitId: 'benefit:office365-e3', keyId: 'o365-k1' },
      'To redeem licence keys you need the Global admin or MPN partner admin role.',
      '要兑换许可证密钥，你需要“全局管理员”或“MPN 合作伙伴管理员”角色。',
    ],
    [
      'license.redeem',
      { benefitId: 'benefit:office365-e3', keyId: 'o365-k1', mode: 'extend', expectEndDate: '2027-06-24' },
      'To redeem licence keys you need the Global admin or MPN partner admin role.',
      '要兑换许可证密钥，你需要“全局管理员”或“MPN 合作伙伴管理员”角色。',
    ],
    [
      'package.cancel',
      { packageId: 'package:silver-addon' },
      'To cancel a benefit package you need the Global admin or MPN partner admin role.',
      '要取消权益套餐，你需要“全局管理员”或“MPN 合作伙伴管理员”角色。',
    ],
    [
      'package.cancel',
      { packageId: 'package:silver-addon', confirmed: true },
      'To cancel a benefit package you need the Global admin or MPN partner admin role.',
      '要取消权益套餐，你需要“全局管理员”或“MPN 合作伙伴管理员”角色。',
    ],
  ];

  it.each(cases)(
    '%s %j is refused naming the role, and changes nothing but one audit record',
    async (verb, data, en, zh) => {
      for (const [locale, expected] of [
        ['en-US', en],
        ['zh-CN', zh],
      ] as const) {
        const before = await b.documents(CONTOSO);
        const auditsBefore = await b.audits();
        expect(await b.refusal(ELI, verb, data, locale)).toContain(expected);
        expect(await b.documents(CONTOSO)).toEqual(before);
        const auditsAfter = await b.audits();
        expect(auditsAfter).toHaveLength(auditsBefore.length + 1);
        const added = auditsAfter.filter((a) => !auditsBefore.some((x) => x.id === a.id));
        expect(added).toEqual([
          expect.objectContaining({ actor: ELI.aadObjectId, outcome: 'denied', detail: 'role' }),
        ]);
      }
    },
  );
});

/* ====================================================================== forged data */

describe('card data naming another tenant’s records', () => {
  let t: MemoryTestApp;
  let b: ReturnType<typeof bot>;
  beforeAll(async () => {
    t = await startMemoryApp();
    b = bot(t);
    await b.lastReply(DANA, 'help');
    await b.lastReply(AVERY, 'help');
    await b.lastReply(GALE, 'help');
  });
  afterAll(async () => {
    await t.stop();
  });

  it('refuses a Fabrikam benefit id pressed by a Contoso admin and changes nothing in either tenant', async () => {
    const contoso = await b.documents(CONTOSO);
    const fabrikam = await b.documents(FABRIKAM);
    const reveal = {
      benefitId: 'benefit:windows-11',
      productId: 'win11-pro',
      language: 'en-US',
      osType: 'x64',
    };
    const said = await b.refusal(DANA, 'software.revealKeys', reveal);
    expect(said).toContain('does not exist in your organisation');
    expect(said).not.toContain('TQ9CW');
    expect(
      await b.refusal(DANA, 'software.product', { benefitId: 'benefit:windows-11', productId: 'win11-pro' }),
    ).toContain('does not exist in your organisation');
    expect(
      await b.refusal(DANA, 'package.cancel', { packageId: 'package:action-pack', confirmed: true }),
    ).toContain('does not exist in your organisation');
    expect(await b.documents(CONTOSO)).toEqual(contoso);
    expect(await b.documents(FABRIKAM)).toEqual(fabrikam);
    const fabrikamWindows = await b.benefit('benefit:windows-11', FABRIKAM);
    expect(
      fabrikamWindows.details.category === 'software' && fabrikamWindows.details.firstRevealedAt,
    ).toBeFalsy();
  });

  it('refuses to give credit to a person of another tenant, whichever tenant asks', async () => {
    const contoso = await b.documents(CONTOSO);
    const fabrikam = await b.documents(FABRIKAM);
    expect(
      await b.refusal(AVERY, 'credit.addUser', {
        benefitId: 'benefit:azure-monthly',
        person: GALE.aadObjectId,
      }),
    ).toContain('not in your organisation’s directory');
    expect(
      await b.refusal(
        GALE,
        'credit.addUser',
        { benefitId: 'benefit:azure-monthly', person: ELI.aadObjectId },
        'zh-CN',
      ),
    ).toContain('此人不在你组织的目录中');
    expect(await b.documents(CONTOSO)).toEqual(contoso);
    expect(await b.documents(FABRIKAM)).toEqual(fabrikam);
  });

  it('answers data carrying a tenant id or unknown fields with 400 and changes nothing', async () => {
    const contoso = await b.documents(CONTOSO);
    const res = await t.post(
      cardAction(
        DANA,
        'software.revealKeys',
        {
          benefitId: 'benefit:sql-server',
          productId: 'sql2022-ent',
          language: 'en-US',
          osType: 'x64',
          tenantId: FABRIKAM,
        },
        { serviceUrl: t.connector.url },
      ),
    );
    expect((res.body as InvokeBody).statusCode).toBe(400);
    expect((res.body as InvokeBody).type).toBe('application/vnd.microsoft.error');
    expect(await b.documents(CONTOSO)).toEqual(contoso);
  });
});

/* ====================================================================== software keys and Azure credit */

describe('software keys and Azure credit', () => {
  let t: MemoryTestApp;
  let b: ReturnType<typeof bot>;
  const clock = fixedClock();
  beforeAll(async () => {
    t = await startMemoryApp({}, { clock });
    b = bot(t);
    for (const p of [AVERY, DANA, ELI]) await b.lastReply(p, 'help'); // first contact settles their directory entries
  });
  afterAll(async () => {
    await t.stop();
  });
  afterEach(() => clock.set(FIXED_NOW));

  it('lets Dana pick a language and OS, then reveals exactly that key, once recorded as activation', async () => {
    const pick = await b.card(DANA, 'software.product', {
      benefitId: 'benefit:sql-server',
      productId: 'sql2022-ent',
    });
    const json = JSON.stringify(pick);
    expect(json).toContain('"id":"language"');
    expect(json).toContain('"id":"osType"');
    expect(text(pick)).toContain('•••••-•••••-•••••-•••••-•••••');
    for (const key of DEMO_KEYS) expect(json).not.toContain(key);
    expect(cardButtons(pick)).toEqual(['Get keys', 'Download', 'Back']);

    const revealed = await b.card(DANA, 'software.revealKeys', {
      benefitId: 'benefit:sql-server',
      productId: 'sql2022-ent',
      language: 'en-US',
      osType: 'ARM64',
    });
    const shown = text(revealed);
    expect(shown).toContain('6TJ9D-VH4VT-XFWCX-V3FCX-J2RXH');
    expect(shown).toContain('Product key for English (United States), ARM64');
    expect(shown).toContain('recorded in the audit log');
    expect(JSON.stringify(revealed)).toContain('https://my.visualstudio.com/Downloads?q=SQL%20Server%202022');
    expect(cardButtons(revealed)).toContain('Hide key');

    const stored = await b.benefit('benefit:sql-server');
    expect(stored.details.category === 'software' && stored.details.firstRevealedAt).toBe(
      FIXED_NOW.toISOString(),
    );
    const audit = (await b.audits()).filter((a) => a.action === 'software.revealKeys');
    expect(audit).toEqual([
      expect.objectContaining({
        actor: DANA.aadObjectId,
        outcome: 'success',
        target: 'benefit:sql-server',
        detail: 'product=sql2022-ent language=en-US os=ARM64',
      }),
    ]);
    expect(t.logs.text()).not.toContain('6TJ9D');
  });

  it('posts the key picker as a new card when Get keys is pressed in the list, keeping the list', async () => {
    t.connector.clear();
    const list = await b.card(DANA, 'software.product', {
      benefitId: 'benefit:visio',
      productId: 'visio2021-pro',
      post: true,
      page: 0,
    });
    expect(text(list)).toContain(
      'Choose the language and OS for Visio Professional 2021 in the new card below.',
    );
    expect(text(list)).toContain('SQL Server 2022 Enterprise');
    const posted = cardOf(await t.connector.waitFor(() => t.connector.sentActivities().at(-1)));
    expect(cardText(posted)).toContain('Visio Professional 2021');
    expect(JSON.stringify(posted)).toContain('"id":"osType"');
    expect(JSON.stringify(posted)).toContain('"verb":"software.revealKeys"');
    for (const key of DEMO_KEYS) expect(JSON.stringify(posted)).not.toContain(key);
  });

  it('asks for both choices when Get keys is pressed without them', async () => {
    const before = await b.documents(CONTOSO);
    const said = await b.refusal(DANA, 'software.revealKeys', {
      benefitId: 'benefit:sql-server',
      productId: 'sql2022-ent',
    });
    expect(said).toBe('Choose a language and an OS type first, then press Get keys.');
    expect(await b.documents(CONTOSO)).toEqual(before);
  });

  it('audits every reveal but keeps the first reveal time', async () => {
    clock.set(new Date(FIXED_NOW.getTime() + 3_600_000));
    const again = await b.card(AVERY, 'software.revealKeys', {
      benefitId: 'benefit:sql-server',
      productId: 'sql2022-ent',
      language: 'zh-CN',
      osType: 'x64',
    });
    expect(text(again)).toContain('7G9W7-QCMTT-RY6Q3-DBDG2-MK7V2');
    const stored = await b.benefit('benefit:sql-server');
    expect(stored.details.category === 'software' && stored.details.firstRevealedAt).toBe(
      FIXED_NOW.toISOString(),
    );
    expect(
      (await b.audits()).filter((a) => a.action === 'software.revealKeys' && a.outcome === 'success'),
    ).toHaveLength(2);
    const masked = text(await b.card(DANA, 'benefits.category', { category: 'software' }));
    expect(masked).toContain('Keys: first viewed Nov 24, 2026, 9:00 AM');
    expect(masked).not.toContain('7G9W7');
  });

  it('gives the download link of the chosen language and OS where the catalogue has one', async () => {
    const links = async (language: string) =>
      JSON.stringify(
        await b.card(DANA, 'software.revealKeys', {
          benefitId: 'benefit:windows-server',
          productId: 'ws2022-dc',
          language,
          osType: 'x64',
        }),
      );
    const zh = await links('zh-CN');
    expect(zh).toContain('Windows%20Server%202022&lang=zh-cn&arch=x64');
    expect(zh).not.toContain('lang=en-us');
    expect(await links('en-US')).toContain('Windows%20Server%202022&lang=en-us&arch=x64');
  });

  it('says when there is no key for the chosen language and OS, in Chinese too', async () => {
    const before = await b.documents(CONTOSO);
    const req = {
      benefitId: 'benefit:windows-server',
      productId: 'ws2022-dc',
      language: 'en-US',
      osType: 'ARM64',
    };
    expect(await b.refusal(DANA, 'software.revealKeys', req)).toContain('There is no key for en-US on ARM64');
    expect(await b.refusal(DANA, 'software.revealKeys', req, 'zh-CN')).toContain(
      '没有适用于 en-US、ARM64 的密钥',
    );
    expect(await b.documents(CONTOSO)).toEqual(before);
  });

  it('refuses to cancel a package once one of its keys was viewed, saying so', async () => {
    await b.card(DANA, 'software.revealKeys', {
      benefitId: 'benefit:visio',
      productId: 'visio2021-pro',
      language: 'en-US',
      osType: 'x64',
    });
    const card = await b.card(DANA, 'package.cancel', { packageId: 'package:silver-addon' });
    expect(text(card)).toContain('A product key of Visio Professional 2021 has been viewed.');
    expect(cardButtons(card)).not.toContain('Yes, cancel and request a refund');
    const before = await b.documents(CONTOSO);
    expect(
      await b.refusal(DANA, 'package.cancel', { packageId: 'package:silver-addon', confirmed: true }),
    ).toContain('A product key of Visio Professional 2021 has been viewed.');
    expect(await b.documents(CONTOSO)).toEqual(before);
    expect((await t.app.store.repos.packages.get(CONTOSO, 'package:silver-addon'))?.doc.status).toBe(
      'active',
    );
  });

  it('lets Avery add and remove people of monthly credit, picked from the directory', async () => {
    t.connector.clear();
    const list = await b.card(AVERY, 'credit.view', {
      benefitId: 'benefit:azure-monthly',
      post: true,
      page: 0,
    });
    expect(text(list)).toContain('The people of Azure monthly credit are in the new card below.');
    const manage = cardOf(await t.connector.waitFor(() => t.connector.sentActivities().at(-1)));
    expect(text(manage)).toContain('Eli Park');
    expect(JSON.stringify(manage)).toContain('"id":"person"');
    expect(JSON.stringify(manage)).toContain(FANG.aadObjectId);

    const added = await b.card(AVERY, 'credit.addUser', {
      benefitId: 'benefit:azure-monthly',
      person: FANG.aadObjectId,
    });
    expect(text(added)).toContain('Fang Wu now has access to Azure monthly credit.');
    const removed = await b.card(AVERY, 'credit.removeUser', {
      benefitId: 'benefit:azure-monthly',
      person: ELI.aadObjectId,
    });
    expect(text(removed)).toContain('Eli Park no longer has access to Azure monthly credit.');
    const stored = await b.benefit('benefit:azure-monthly');
    expect(stored.details.category === 'azureMonthlyCredit' && stored.details.users).toEqual([
      FANG.aadObjectId,
    ]);
    const audit = (await b.audits()).filter((a) => a.action.startsWith('credit.') && a.outcome === 'success');
    expect(audit.map((a) => a.action).sort()).toEqual(['credit.addUser', 'credit.removeUser']);
  });

  it('accepts a guest of the directory and refuses more people than the credit allows', async () => {
    const guest = {
      name: 'Gus Guest',
      aadObjectId: 'e0000000-0000-4000-8000-0000000000c1',
      tenantId: CONTOSO,
    };
    await b.lastReply(guest, 'help');
    const member = await t.app.store.repos.members.get(CONTOSO, `member:${guest.aadObjectId}`);
    if (!member) throw new Error('guest missing');
    await t.app.store.repos.members.replace({ ...member.doc, guest: true }, member.etag);
    for (const p of [guest, ELI, DANA, CASEY]) {
      await b.card(AVERY, 'credit.addUser', { benefitId: 'benefit:azure-monthly', person: p.aadObjectId });
    }
    const before = await b.documents(CONTOSO);
    expect(
      await b.refusal(AVERY, 'credit.addUser', {
        benefitId: 'benefit:azure-monthly',
        person: AVERY.aadObjectId,
      }),
    ).toContain('All 5 places of this credit are taken.');
    expect(await b.documents(CONTOSO)).toEqual(before);
    expect(text(await b.card(AVERY, 'credit.view', { benefitId: 'benefit:azure-monthly' }))).toContain(
      'Gus Guest (guest)',
    );
  });

  it('keeps assigning credit to the Global admin: Dana may not', async () => {
    expect(
      await b.refusal(DANA, 'credit.addUser', {
        benefitId: 'benefit:azure-monthly',
        person: FANG.aadObjectId,
      }),
    ).toContain('you need the Global admin role');
  });

  it('never removes bulk credit, and transfers it within the enrollment year', async () => {
    expect(
      await b.refusal(AVERY, 'credit.removeUser', {
        benefitId: 'benefit:azure-bulk',
        person: DANA.aadObjectId,
      }),
    ).toContain('Bulk credit cannot be removed from its holder');
    const moved = await b.card(AVERY, 'credit.transfer', {
      benefitId: 'benefit:azure-bulk',
      person: FANG.aadObjectId,
    });
    expect(text(moved)).toContain('Azure bulk credit (USD 6,000 a year) now belongs to Fang Wu.');
    const stored = await b.benefit('benefit:azure-bulk');
    expect(stored.details.category === 'azureBulkCredit' && stored.details.holder).toBe(FANG.aadObjectId);
  });

  it('refuses a bulk transfer after the enrollment year, in both languages', async () => {
    // The enrollment year's last day is in 39 days; the membership itself runs one day longer.
    clock.set(new Date(FIXED_NOW.getTime() + 40 * 86_400_000));
    const before = await b.documents(CONTOSO);
    const data = { benefitId: 'benefit:azure-bulk', person: ELI.aadObjectId };
    expect(await b.refusal(AVERY, 'credit.transfer', data)).toContain(
      'Bulk credit can be transferred only during the enrollment year, which ended on Jan 2, 2027.',
    );
    expect(await b.refusal(AVERY, 'credit.transfer', data, 'zh-CN')).toContain(
      '注册年度已于 2027年1月2日 结束',
    );
    expect(await b.documents(CONTOSO)).toEqual(before);
  });

  it('refuses to give bulk credit that is combined with another offer, and explains why', async () => {
    const card = await b.card(AVERY, 'credit.view', { benefitId: 'benefit:azure-bulk-prepaid' });
    expect(text(card)).toContain('cannot be combined with other licensing, prepaid or credit offers');
    expect(JSON.stringify(card)).not.toContain('"id":"person"');
    const before = await b.documents(CONTOSO);
    expect(
      await b.refusal(AVERY, 'credit.addUser', {
        benefitId: 'benefit:azure-bulk-prepaid',
        person: ELI.aadObjectId,
      }),
    ).toContain('This bulk credit is tied to Azure prepayment (monetary commitment).');
    expect(await b.documents(CONTOSO)).toEqual(before);
  });

  it('asks to pick a person when none was chosen', async () => {
    expect(
      await b.refusal(AVERY, 'credit.addUser', { benefitId: 'benefit:azure-monthly', person: '' }),
    ).toContain('Choose a person from the list first.');
  });
});

/* ====================================================================== licence keys */

describe('redeeming licence keys', () => {
  let t: MemoryTestApp;
  let b: ReturnType<typeof bot>;
  const clock = fixedClock();
  beforeAll(async () => {
    t = await startMemoryApp({}, { clock });
    b = bot(t);
    for (const p of [AVERY, DANA, ELI]) await b.lastReply(p, 'help'); // first contact settles their directory entries
  });
  afterAll(async () => {
    await t.stop();
  });
  afterEach(() => clock.set(FIXED_NOW));

  const plan = async (id: string, keyId: string, mode: 'extend' | 'addSeats') =>
    planRedemption((await b.benefit(id)).details as LicenceDetails, keyId, mode, clock.now());

  it('shows both choices with the resulting end date before anything is redeemed', async () => {
    const card = await b.card(DANA, 'license.options', {
      benefitId: 'benefit:office365-e3',
      keyId: 'o365-k1',
    });
    const shown = text(card);
    expect(shown).toContain('Extend the end date');
    expect(shown).toContain('New end date: Jun 24, 2027');
    expect(shown).toContain('The key’s 25 seats extend the subscription by 3 months');
    expect(shown).toContain('Seats afterwards: 125');
    expect(shown).toContain('you will be asked to confirm once more');
    expect(cardButtons(card)).toEqual([
      'I redeemed it: extend the end date',
      'I redeemed it: add seats',
      'Back',
    ]);
    // Nothing is redeemed: the card says where to redeem the key and records it only when confirmed.
    const details = (await b.benefit('benefit:office365-e3')).details as LicenceDetails;
    expect(details.keys.find((k) => k.keyId === 'o365-k1')?.redeemedBy).toBeUndefined();
  });

  it('reveals the key with where to redeem it (Microsoft 365 admin centre) and a right-tenant warning, recording the view', async () => {
    const card = await b.card(DANA, 'license.options', {
      benefitId: 'benefit:office365-e3',
      keyId: 'o365-k1',
    });
    const shown = text(card);
    const details = (await b.benefit('benefit:office365-e3')).details as LicenceDetails;
    const key = details.keys.find((k) => k.keyId === 'o365-k1');
    expect(shown).toContain(`Product key: **${key?.key}**`);
    expect(shown).toContain('Redeem it in the Microsoft 365 admin centre (https://admin.microsoft.com)');
    expect(shown).toContain('Sign in there with an account of Contoso Partner Ltd.');
    expect(key?.viewedBy).toBe(DANA.aadObjectId);
    expect(key?.viewedAt).toBe(FIXED_NOW.toISOString());
    const audits = await t.app.store.repos.audit.list(CONTOSO, { where: { action: 'license.viewKey' } });
    expect(audits.map((a) => [a.doc.actor, a.doc.target])).toContainEqual([
      DANA.aadObjectId,
      'benefit:office365-e3:o365-k1',
    ]);
  });

  it('never shows a licence key to an employee (the options are a redeeming role’s act)', async () => {
    const refusal = await b.refusal(ELI, 'license.options', {
      benefitId: 'benefit:office365-e3',
      keyId: 'o365-k1',
    });
    expect(refusal).toContain('you need the Global admin or MPN partner admin role');
  });

  it('extends Office 365 by 3 months with the 25-seat key, once', async () => {
    const extend = await plan('benefit:office365-e3', 'o365-k1', 'extend');
    expect(extend.endDateAfter).toBe('2027-06-24');
    const card = await b.card(DANA, 'license.redeem', {
      benefitId: 'benefit:office365-e3',
      keyId: 'o365-k1',
      mode: 'extend',
      expectEndDate: extend.endDateAfter,
    });
    expect(text(card)).toContain(
      'Key o365-k1 is redeemed: Office 365 E3 now has 100 seats until Jun 24, 2027.',
    );
    expect(text(card)).toContain('redeemed by Dana Zhou');
    const stored = (await b.benefit('benefit:office365-e3')).details as LicenceDetails;
    expect(stored).toMatchObject({ activeSeats: 100, endDate: '2027-06-24' });
    expect(stored.keys[0]).toMatchObject({
      redeemedBy: DANA.aadObjectId,
      redeemedAt: FIXED_NOW.toISOString(),
    });
    expect(
      (await b.audits()).filter((a) => a.action === 'license.redeem' && a.outcome === 'success'),
    ).toEqual([
      expect.objectContaining({
        actor: DANA.aadObjectId,
        detail: 'key=o365-k1 mode=extend seats=100 end=2027-06-24',
      }),
    ]);
    expect(t.logs.text()).not.toContain('RB7XQ');
  });

  it('tells whoever tries the same key again who redeemed it and when, in both languages', async () => {
    const before = await b.documents(CONTOSO);
    const data = {
      benefitId: 'benefit:office365-e3',
      keyId: 'o365-k1',
      mode: 'addSeats',
      expectEndDate: '2027-06-24',
    };
    expect(await b.refusal(AVERY, 'license.redeem', data)).toBe(
      'Key o365-k1 was already redeemed by Dana Zhou on Nov 24, 2026, 9:00 AM UTC. A key can be redeemed only once, so nothing was changed.',
    );
    expect(
      await b.refusal(
        AVERY,
        'license.options',
        { benefitId: 'benefit:office365-e3', keyId: 'o365-k1' },
        'zh-CN',
      ),
    ).toContain('密钥 o365-k1 已由 Dana Zhou 于 2026年11月24日 UTC 09:00 兑换');
    expect(await b.documents(CONTOSO)).toEqual(before);
  });

  it('warns that adding seats leaves less than 12 months and redeems only on the second confirmation', async () => {
    const add = await plan('benefit:office365-e3', 'o365-k2', 'addSeats');
    expect(add.shortTerm).toBe(true);
    const data = {
      benefitId: 'benefit:office365-e3',
      keyId: 'o365-k2',
      mode: 'addSeats',
      expectEndDate: add.endDateAfter,
    };
    const before = await b.documents(CONTOSO);
    const warning = await b.card(DANA, 'license.redeem', data);
    expect(text(warning)).toContain('Adding seats without extending leaves the subscription with only');
    expect(cardButtons(warning)).toContain('Yes, add the seats anyway');
    expect(await b.documents(CONTOSO)).toEqual(before);
    expect(JSON.stringify(warning)).toContain('"acceptShortTerm":true');

    const zh = await b.card(DANA, 'license.redeem', data, 'zh-CN');
    expect(text(zh)).toContain('只添加席位而不延长');

    const done = await b.card(DANA, 'license.redeem', { ...data, acceptShortTerm: true });
    expect(text(done)).toContain('Key o365-k2 is redeemed: Office 365 E3 now has 110 seats');
    expect((await b.benefit('benefit:office365-e3')).details).toMatchObject({
      activeSeats: 110,
      endDate: add.endDateAfter,
    });
  });

  it('refuses a key for more than three times the active seats, explaining the 3-year maximum', async () => {
    const options = await b.card(DANA, 'license.options', {
      benefitId: 'benefit:dynamics-365',
      keyId: 'd365-k2',
    });
    expect(text(options)).toContain(
      'This key holds 20 seats, more than three times the 5 active seats (at most 15)',
    );
    expect(cardButtons(options)).toEqual(['Back']);
    const before = await b.documents(CONTOSO);
    const forged = {
      benefitId: 'benefit:dynamics-365',
      keyId: 'd365-k2',
      mode: 'extend',
      expectEndDate: '2029-01-01',
    };
    expect(await b.refusal(DANA, 'license.redeem', forged)).toContain('3-year maximum');
    expect(await b.refusal(DANA, 'license.redeem', forged, 'zh-CN')).toContain('超过有效席位 5 个的三倍');
    expect(await b.documents(CONTOSO)).toEqual(before);
  });

  it('adds 24 months when the 10-seat key extends the 5 Dynamics seats', async () => {
    const extend = await plan('benefit:dynamics-365', 'd365-k1', 'extend');
    expect(extend.monthsAdded).toBeCloseTo(24);
    await b.card(DANA, 'license.redeem', {
      benefitId: 'benefit:dynamics-365',
      keyId: 'd365-k1',
      mode: 'extend',
      expectEndDate: extend.endDateAfter,
    });
    expect((await b.benefit('benefit:dynamics-365')).details).toMatchObject({
      activeSeats: 5,
      endDate: extend.endDateAfter,
    });
  });

  it('shows the new result instead of redeeming when the subscription changed since it was shown', async () => {
    const before = await b.documents(CONTOSO);
    const card = await b.card(DANA, 'license.redeem', {
      benefitId: 'benefit:power-bi',
      keyId: 'pbi-k1',
      mode: 'addSeats',
      expectEndDate: '2027-01-01',
    });
    expect(text(card)).toContain('The subscription changed since you looked');
    expect(text(card)).toContain('New end date: Nov 24, 2027');
    expect(await b.documents(CONTOSO)).toEqual(before);
  });

  it('starts Power BI, which has no seats yet, with 12 months and nothing to extend', async () => {
    const options = text(
      await b.card(DANA, 'license.options', { benefitId: 'benefit:power-bi', keyId: 'pbi-k1' }),
    );
    expect(options).toContain('There is no running subscription to extend yet');
    const card = await b.card(DANA, 'license.redeem', {
      benefitId: 'benefit:power-bi',
      keyId: 'pbi-k1',
      mode: 'addSeats',
      expectEndDate: '2027-11-24',
    });
    expect(text(card)).toContain('Power BI Pro now has 10 seats until Nov 24, 2027.');
  });

  it('refuses to redeem after the benefit’s last day', async () => {
    clock.set(new Date(FIXED_NOW.getTime() + 3 * 86_400_000));
    const before = await b.documents(CONTOSO);
    const d365 = await b.refusal(DANA, 'license.options', {
      benefitId: 'benefit:dynamics-365',
      keyId: 'd365-k2',
    });
    expect(d365).toContain('The last day to activate Dynamics 365 Sales Enterprise was Nov 25, 2026');
    expect(await b.documents(CONTOSO)).toEqual(before);
  });
});

/* ====================================================================== races and cancellation */

describe('two admins at the same moment, and cancelling a package', () => {
  let t: MemoryTestApp;
  let b: ReturnType<typeof bot>;
  beforeAll(async () => {
    t = await startMemoryApp();
    b = bot(t);
    await b.lastReply(AVERY, 'help');
    await b.lastReply(DANA, 'help');
  });
  afterAll(async () => {
    await t.stop();
  });

  it('lets exactly one of 12 simultaneous redemptions of one key succeed', async () => {
    const extend = planRedemption(
      (await b.benefit('benefit:office365-e3')).details as LicenceDetails,
      'o365-k1',
      'extend',
      FIXED_NOW,
    );
    const data = {
      benefitId: 'benefit:office365-e3',
      keyId: 'o365-k1',
      mode: 'extend',
      expectEndDate: extend.endDateAfter,
    };
    const people = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? AVERY : DANA));
    const answers = await Promise.all(people.map((p) => b.press(p, 'license.redeem', data)));

    const wins = answers.filter((a) => a.type === CARD);
    const losses = answers.filter((a) => a.type === MESSAGE).map((a) => String(a.value));
    expect(wins).toHaveLength(1);
    expect(losses).toHaveLength(11);

    const stored = (await b.benefit('benefit:office365-e3')).details as LicenceDetails;
    const key = stored.keys.find((k) => k.keyId === 'o365-k1');
    expect([AVERY.aadObjectId, DANA.aadObjectId]).toContain(key?.redeemedBy);
    expect(stored).toMatchObject({ activeSeats: 100, endDate: extend.endDateAfter });
    const winner = key?.redeemedBy === AVERY.aadObjectId ? 'Avery Chen' : 'Dana Zhou';
    for (const l of losses) expect(l).toContain(`Key o365-k1 was already redeemed by ${winner}`);

    const audit = (await b.audits()).filter((a) => a.action === 'license.redeem');
    expect(audit.filter((a) => a.outcome === 'success')).toHaveLength(1);
    expect(audit.filter((a) => a.outcome === 'rejected')).toHaveLength(11);
  });

  it('refuses to cancel an old, used package and says which rules block it', async () => {
    const card = await b.card(DANA, 'package.cancel', { packageId: 'package:silver-core' });
    const shown = text(card);
    expect(shown).toContain('This package cannot be cancelled');
    expect(shown).toContain('It was bought 325 days ago; the last day to cancel was Feb 2, 2026.');
    expect(shown).toContain('Azure monthly credit has been given to people.');
    expect(shown).toContain('Seats of Visual Studio Enterprise subscriptions have been assigned.');
    const before = await b.documents(CONTOSO);
    expect(
      await b.refusal(DANA, 'package.cancel', { packageId: 'package:silver-core', confirmed: true }, 'zh-CN'),
    ).toContain('它是 325 天前购买的');
    expect(await b.documents(CONTOSO)).toEqual(before);
  });

  it('cancels a 12-day-old unused package after a confirmation and records the refund request', async () => {
    const confirm = await b.card(DANA, 'package.cancel', { packageId: 'package:silver-addon' });
    expect(text(confirm)).toContain('Cancel this package?');
    expect(text(confirm)).toContain('Last day to cancel: Dec 12, 2026');
    expect(cardButtons(confirm)).toEqual(['Yes, cancel and request a refund', 'Keep it']);
    expect((await t.app.store.repos.packages.get(CONTOSO, 'package:silver-addon'))?.doc.status).toBe(
      'active',
    );

    const done = await b.card(DANA, 'package.cancel', { packageId: 'package:silver-addon', confirmed: true });
    expect(text(done)).toContain(
      'Silver add-on: analytics and diagrams is cancelled and a refund has been requested.',
    );
    const stored = (await t.app.store.repos.packages.get(CONTOSO, 'package:silver-addon'))?.doc;
    expect(stored).toMatchObject({
      status: 'cancelled',
      cancellation: { by: DANA.aadObjectId, at: FIXED_NOW.toISOString(), refundRequested: true },
    });
    expect((await b.audits()).filter((a) => a.target === 'package:silver-addon')).toEqual([
      expect.objectContaining({
        actor: DANA.aadObjectId,
        outcome: 'success',
        target: 'package:silver-addon',
      }),
    ]);
  });

  it('refuses anything on a cancelled package: another cancellation, a key, a redemption', async () => {
    const before = await b.documents(CONTOSO);
    expect(
      await b.refusal(DANA, 'package.cancel', { packageId: 'package:silver-addon', confirmed: true }),
    ).toContain('It has already been cancelled.');
    const reveal = {
      benefitId: 'benefit:visio',
      productId: 'visio2021-pro',
      language: 'en-US',
      osType: 'x64',
    };
    const said = await b.refusal(DANA, 'software.revealKeys', reveal);
    expect(said).toContain('belongs to a cancelled package');
    expect(said).not.toContain('9H9QR');
    expect(
      await b.refusal(DANA, 'license.redeem', {
        benefitId: 'benefit:power-bi',
        keyId: 'pbi-k1',
        mode: 'addSeats',
        expectEndDate: toIsoDate(new Date('2027-11-24')),
      }),
    ).toContain('belongs to a cancelled package');
    expect(await b.documents(CONTOSO)).toEqual(before);
    // Listed as cancelled, with nothing to press.
    const software = await b.card(DANA, 'benefits.category', { category: 'software' });
    expect(text(software)).toContain(
      'Cancelled: its package Silver add-on: analytics and diagrams was cancelled on Nov 24, 2026; this benefit is withdrawn.',
    );
    expect(cardButtons(software).filter((x) => x.includes('Visio'))).toEqual([]);
  });

  it('refuses credit, technical and Go-To-Market acts on the cancelled package too, changing nothing', async () => {
    const before = await b.documents(CONTOSO);
    expect(
      await b.refusal(AVERY, 'credit.addUser', {
        benefitId: 'benefit:addon-azure-monthly',
        person: ELI.aadObjectId,
      }),
    ).toContain('belongs to a cancelled package');
    expect(await b.refusal(DANA, 'support.activate', { benefitId: 'benefit:addon-advisory' })).toContain(
      'belongs to a cancelled package',
    );
    expect(await b.refusal(DANA, 'gtm.activate', { benefitId: 'benefit:addon-gtm' })).toContain(
      'belongs to a cancelled package',
    );
    expect(await b.documents(CONTOSO)).toEqual(before);
  });
});
